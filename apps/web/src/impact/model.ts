// The impact report as the web app works with it: one flat row per affected entity.
import type { EntityKind, ImpactState } from '../generated/graphql';

export interface AffectedRow {
  id: string;
  name: string;
  kind: EntityKind;
  state: ImpactState;
  disruptedAtHours: number;
  failedAtHours: number | null;
  inoperability: number | null;
  /** Causal path: this entity first, an initially failed entity last. */
  because: string[];
  /** The names shown for `because` (name · organization), in its order, when the API sent them. */
  becauseNames?: string[];
  /** Why, in words (from the API's engine), e.g. "Fails at 40 h: its workaround covers 40 h and …". */
  reason?: string | null;
  /** Workflow category (CLINICAL, …) where known. */
  category?: string | null;
  criticality?: number | null;
  /** The organization a workflow or asset belongs to (names repeat across organizations). */
  organization?: string | null;
}

/** "Ambulatory care · Ashford Dermatology": workflow and asset names alone are ambiguous. */
export function displayName(r: Pick<AffectedRow, 'name' | 'organization'>): string {
  return r.organization ? `${r.name} · ${r.organization}` : r.name;
}
