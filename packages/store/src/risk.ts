import neo4j from 'neo4j-driver';
import type { Store } from './store';

export interface ConcentrationCell {
  supplierCategory: string;
  subsector: string;
  organizations: number;
  suppliers: number;
}

export async function concentrationMatrix(store: Store): Promise<ConcentrationCell[]> {
  return store.readRows<ConcentrationCell & Record<string, unknown>>('queries/risk/concentration-matrix');
}

/** An organization behind a cell of the concentration matrix, and the suppliers of that category it reaches. */
export interface ConcentrationMemberRecord {
  organizationId: string;
  supplierIds: string[];
}

/**
 * The organizations behind one cell of `concentrationMatrix` (the same pattern), by name;
 * only those of `organizations` when given (a scoped reader's, issue 19).
 */
export async function concentrationOrganizations(
  store: Store,
  cell: { supplierCategory: string; subsector: string },
  first: number,
  organizations: readonly string[] | null = null,
): Promise<ConcentrationMemberRecord[]> {
  return store.readRows<ConcentrationMemberRecord & Record<string, unknown>>(
    'queries/risk/concentration-cell',
    {
      ...cell,
      first: neo4j.int(first),
      orgs: organizations ? [...organizations] : null,
    },
  );
}
