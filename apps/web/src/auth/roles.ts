// What each role may do in the web app (DESIGN.md §6). Controls a role lacks are not
// shown at all; the API enforces the same rules regardless.
import type { Role } from '../generated/graphql';

export type Action =
  | 'simulate'
  | 'saveScenario'
  | 'deleteScenario'
  | 'import'
  | 'edit'
  | 'replace'
  | 'undoImport';

const RANK: Record<Role, number> = { VIEWER: 0, ANALYST: 1, ADMIN: 2 };
const NEEDS: Record<Action, Role> = {
  simulate: 'VIEWER',
  saveScenario: 'ANALYST',
  deleteScenario: 'ANALYST',
  import: 'ANALYST',
  edit: 'ANALYST',
  // A replace removes what the template lacks, an undo rewrites the map: ADMIN (SECURITY.md).
  replace: 'ADMIN',
  undoImport: 'ADMIN',
};

export function can(role: Role | null | undefined, action: Action): boolean {
  return role != null && RANK[role] >= RANK[NEEDS[action]];
}

export const ROLE_LABEL: Record<Role, string> = { VIEWER: 'Viewer', ANALYST: 'Analyst', ADMIN: 'Admin' };
