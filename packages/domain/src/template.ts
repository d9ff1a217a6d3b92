// The SMART template format (DESIGN.md §5): one file or sheet per table, with
// the columns in the order they are written on export. `required` columns must be
// present in the header and non-empty in every row.

export interface TemplateTable {
  /** File name in a CSV folder; the sheet name in a workbook is this without `.csv`. */
  file: string;
  sheet: string;
  columns: readonly string[];
  required: readonly string[];
}

const table = (sheet: string, columns: string[], required: string[]): TemplateTable => ({
  file: `${sheet}.csv`,
  sheet,
  columns,
  required,
});

export const TEMPLATE_TABLES = {
  organizations: table(
    'organizations',
    ['id', 'name', 'subsector', 'type', 'region', 'size', 'beds', 'notes'],
    ['id', 'name', 'subsector'],
  ),
  suppliers: table(
    'suppliers',
    ['id', 'name', 'category', 'country', 'security_rating', 'notes'],
    ['id', 'name'],
  ),
  services: table(
    'services',
    ['id', 'name', 'supplier_id', 'type', 'category', 'region', 'notes'],
    ['id', 'name', 'supplier_id', 'type'],
  ),
  assets: table(
    'assets',
    ['id', 'name', 'organization_id', 'type', 'notes'],
    ['id', 'name', 'organization_id'],
  ),
  workflows: table(
    'workflows',
    [
      'id',
      'name',
      'organization_id',
      'category',
      'sector_workflow',
      'criticality',
      'tolerance_hours',
      'workaround_capacity',
      'volume_per_day',
      'volume_unit',
      'notes',
    ],
    ['id', 'name', 'organization_id', 'category'],
  ),
  criticalFunctions: table('critical_functions', ['id', 'name', 'description', 'ncf'], ['id', 'name']),
  workflowFunctions: table(
    'workflow_functions',
    ['workflow_id', 'function_id'],
    ['workflow_id', 'function_id'],
  ),
  dependencies: table(
    'dependencies',
    ['from_id', 'to_id', 'group', 'strength', 'source', 'confidence', 'notes'],
    ['from_id', 'to_id'],
  ),
} as const satisfies Record<string, TemplateTable>;

export type TemplateTableName = keyof typeof TEMPLATE_TABLES;
export const TEMPLATE_TABLE_NAMES = Object.keys(TEMPLATE_TABLES) as TemplateTableName[];
