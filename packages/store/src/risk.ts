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
