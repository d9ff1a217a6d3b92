// What each role may do in the web app (DESIGN.md §6). Controls a role lacks are not
// shown at all; the API enforces the same rules regardless (its @requires directives).
// The order of the roles is @smart/domain's, as the API's.
import { roleRank } from '@smart/domain';
import type { Role } from '../generated/graphql';

export type Action =
  | 'simulate'
  | 'saveScenario'
  | 'deleteScenario'
  | 'declareIncident'
  | 'import'
  | 'edit'
  | 'replace'
  | 'undoImport';

const NEEDS: Record<Action, Role> = {
  simulate: 'VIEWER',
  saveScenario: 'ANALYST',
  deleteScenario: 'ANALYST',
  // Declare, update and close an incident.
  declareIncident: 'ANALYST',
  import: 'ANALYST',
  edit: 'ANALYST',
  // A replace removes what the template lacks, an undo rewrites the map: ADMIN (SECURITY.md).
  replace: 'ADMIN',
  undoImport: 'ADMIN',
};

export function can(role: Role | null | undefined, action: Action): boolean {
  return role != null && roleRank(role) >= roleRank(NEEDS[action]);
}

export const ROLE_LABEL: Record<Role, string> = { VIEWER: 'Viewer', ANALYST: 'Analyst', ADMIN: 'Admin' };
