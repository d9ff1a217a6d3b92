// What each role may do in the web app (DESIGN.md §6): the one table of UI actions and
// the role each needs. Controls a role lacks are not shown at all; the API enforces the
// same rules regardless (its @requires directives). The order of the roles is
// @smart/domain's, as the API's; test/web-roles.test.ts checks that each action's role
// is exactly what the API requires of the operations it sends (ACTION_OPERATIONS), and
// that every mutation the web app sends belongs to an action.
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

/**
 * The GraphQL operations (by operation name, as in the *\/queries.ts documents) each
 * action sends, with the variables that make it that action.
 */
export const ACTION_OPERATIONS: Record<
  Action,
  readonly { operation: string; variables?: Record<string, unknown> }[]
> = {
  simulate: [{ operation: 'Impact' }],
  saveScenario: [{ operation: 'SaveScenario' }],
  deleteScenario: [{ operation: 'DeleteScenario' }],
  declareIncident: [
    { operation: 'DeclareIncident' },
    { operation: 'UpdateIncident' },
    { operation: 'CloseIncident' },
  ],
  import: [{ operation: 'ImportTemplate' }, { operation: 'ImportInProgress' }],
  edit: [
    { operation: 'UpsertEntity' },
    { operation: 'DeleteEntity' },
    { operation: 'RestoreEntities' },
    { operation: 'AddDependency' },
    { operation: 'RemoveDependency' },
    { operation: 'MergeEntities' },
    { operation: 'UndoMerge' },
  ],
  replace: [{ operation: 'ImportTemplate', variables: { replace: true } }],
  undoImport: [{ operation: 'UndoLastImport' }, { operation: 'LastImport' }],
};

/** The least role an action needs. */
export function neededRole(action: Action): Role {
  return NEEDS[action];
}

export function can(role: Role | null | undefined, action: Action): boolean {
  return role != null && roleRank(role) >= roleRank(NEEDS[action]);
}

export const ROLE_LABEL: Record<Role, string> = { VIEWER: 'Viewer', ANALYST: 'Analyst', ADMIN: 'Admin' };
