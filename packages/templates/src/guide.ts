// What each table and column of a SMART template means, for the blank template's
// Instructions sheet and README.txt, its dropdowns and number checks. Columns come
// from TEMPLATE_TABLES and enum values from @smart/domain (the row schemas use the
// same lists); test/guide.test.ts checks every allowed value and range against
// ROW_SCHEMAS, so this text cannot drift from what the reader accepts.
import {
  DEPENDENCY_SOURCES,
  ORGANIZATION_SIZES,
  SERVICE_TYPES,
  SUBSECTORS,
  TEMPLATE_TABLES,
  type TemplateTableName,
  WORKFLOW_CATEGORIES,
} from '@smart/domain';

export interface NumberRange {
  min: number;
  /** Omitted: no upper bound. */
  max?: number;
  integer?: boolean;
}

export interface ColumnGuide {
  meaning: string;
  unit?: string;
  /** The allowed values (a dropdown in the workbook). */
  values?: readonly string[];
  /** The allowed numbers (a number check in the workbook). */
  range?: NumberRange;
}

export interface TableGuide {
  meaning: string;
  columns: Record<string, ColumnGuide>;
}

const notes: ColumnGuide = { meaning: 'Free text for the people who maintain the map.' };
const id = (what: string): ColumnGuide => ({
  meaning: `A stable id of this ${what}, unique across all tables (no spaces; e.g. a short code you keep using).`,
});

export const TABLE_GUIDE: Record<TemplateTableName, TableGuide> = {
  organizations: {
    meaning:
      'Health-sector entities: hospitals, health systems, clinics, payers, labs, pharmacies, PBMs, blood centres, manufacturers, public-health agencies.',
    columns: {
      id: id('organization'),
      name: { meaning: 'The name people use for it.' },
      subsector: { meaning: 'Its HSCC subsector.', values: SUBSECTORS },
      type: { meaning: 'What kind of organization, in your words (Hospital, Payer, Lab…).' },
      region: { meaning: 'Where it operates (state, region).' },
      size: { meaning: 'Its size.', values: ORGANIZATION_SIZES },
      beds: { meaning: 'Staffed beds (hospitals).', unit: 'beds', range: { min: 0, integer: true } },
      notes,
    },
  },
  suppliers: {
    meaning:
      'Third parties that provide technology, software, communications or physical supply (a clearinghouse, a cloud provider, an IV-fluid maker).',
    columns: {
      id: id('supplier'),
      name: { meaning: 'Its legal or usual name.' },
      category: { meaning: 'What it supplies, in your words (Clearinghouse, Cloud, EHR vendor…).' },
      country: { meaning: 'Where it is based.' },
      security_rating: {
        meaning: 'An external security rating, if you have one.',
        unit: 'score, 0 (worst) to 100 (best)',
        range: { min: 0, max: 100 },
      },
      notes,
    },
  },
  services: {
    meaning:
      'One service or product a supplier provides (a clearinghouse API, a cloud region, an SSO tenant, a plant). If the supplier fails, all its services fail.',
    columns: {
      id: id('service'),
      name: { meaning: 'The service or product.' },
      supplier_id: { meaning: 'The id of the supplier that provides it (suppliers table).' },
      type: { meaning: 'What kind of service.', values: SERVICE_TYPES },
      category: { meaning: 'What it does, in your words (Eligibility, Claims, Identity…).' },
      region: { meaning: 'Where it runs (a cloud region, a plant location).' },
      notes,
    },
  },
  assets: {
    meaning: 'Systems an organization runs itself (its EHR instance, PACS, LIS, device fleet).',
    columns: {
      id: id('asset'),
      name: { meaning: 'The system.' },
      organization_id: { meaning: 'The id of the organization that owns it (organizations table).' },
      type: { meaning: 'What kind of system (EHR, PACS, LIS…).' },
      notes,
    },
  },
  workflows: {
    meaning:
      'Clinical, administrative or manufacturing workflows at one organization: the work that stops when its dependencies fail.',
    columns: {
      id: id('workflow'),
      name: { meaning: 'The workflow.' },
      organization_id: { meaning: 'The id of the organization that performs it (organizations table).' },
      category: { meaning: 'What kind of workflow.', values: WORKFLOW_CATEGORIES },
      sector_workflow: {
        meaning:
          'The SMART sector workflow it instantiates (e.g. "Claims and payments", "Blood supply and distribution").',
      },
      criticality: {
        meaning: 'How critical it is: 1 most critical … 5 least.',
        values: ['1', '2', '3', '4', '5'],
        range: { min: 1, max: 5, integer: true },
      },
      tolerance_hours: {
        meaning: 'How long a manual workaround holds once a dependency fails; 0 = no workaround.',
        unit: 'hours',
        range: { min: 0 },
      },
      workaround_capacity: {
        meaning: 'Share of the normal volume the workaround handles while it holds.',
        unit: 'share, 0 to 1 (0.5 = half)',
        range: { min: 0, max: 1 },
      },
      volume_per_day: {
        meaning: 'Normal volume, used to weigh it within a critical function.',
        unit: 'per day, in volume_unit',
        range: { min: 0 },
      },
      volume_unit: { meaning: 'What volume_per_day counts (patients, claims, units…).' },
      notes,
    },
  },
  criticalFunctions: {
    meaning: 'Sector-level functions (e.g. "Provide inpatient care", "Process claims and payments").',
    columns: {
      id: id('critical function'),
      name: { meaning: 'The function.' },
      description: { meaning: 'What it covers.' },
      ncf: { meaning: 'The CISA National Critical Function it maps to.' },
    },
  },
  workflowFunctions: {
    meaning: 'Which workflows deliver which critical functions (one row per link).',
    columns: {
      workflow_id: { meaning: 'A workflow id (workflows table or already in the map).' },
      function_id: { meaning: 'A critical function id (critical_functions table or already in the map).' },
    },
  },
  dependencies: {
    meaning:
      'What needs what: from_id needs to_id. A workflow, asset or service can depend on a workflow, asset, service or supplier.',
    columns: {
      from_id: { meaning: 'The id of the workflow, asset or service that needs something.' },
      to_id: { meaning: 'The id of the workflow, asset, service or supplier it needs.' },
      group: {
        meaning:
          'Alternatives: dependencies of the same from_id with the same group label can replace each other, so the group fails only when all of them fail. Leave it empty for a dependency without an alternative.',
      },
      strength: {
        meaning: "Share of from_id's function lost when to_id is fully down (default 1).",
        unit: 'share, 0 to 1',
        range: { min: 0, max: 1 },
      },
      source: { meaning: 'Where this dependency is known from.', values: DEPENDENCY_SOURCES },
      confidence: {
        meaning: 'How sure you are that the dependency exists as described.',
        unit: 'share, 0 to 1',
        range: { min: 0, max: 1 },
      },
      notes,
    },
  },
};

/** The first cell of a comment or example row starts with this; the reader skips such rows. */
export const COMMENT_MARK = '#';

/**
 * Example rows of the blank template, one small consistent map: a hospital's
 * registration workflow needs its EHR and one of two eligibility services (group
 * "eligibility"). Every first cell starts with COMMENT_MARK, so they are ignored on import.
 */
export const EXAMPLE_ROWS: Record<TemplateTableName, Record<string, string | number>[]> = {
  organizations: [
    {
      id: '#ex-hospital',
      name: 'Example Regional Hospital',
      subsector: 'DIRECT_PATIENT_CARE',
      type: 'Hospital',
      region: 'Midwest',
      size: 'LARGE',
      beds: 420,
    },
  ],
  suppliers: [
    { id: '#ex-clearinghouse', name: 'Example Clearinghouse Inc.', category: 'Clearinghouse', country: 'US' },
    { id: '#ex-payer-portal', name: 'Example Payer Portal', category: 'Payer portal', country: 'US' },
  ],
  services: [
    {
      id: '#ex-eligibility-api',
      name: 'Eligibility API',
      supplier_id: '#ex-clearinghouse',
      type: 'SOFTWARE',
      category: 'Eligibility',
    },
    {
      id: '#ex-eligibility-portal',
      name: 'Eligibility web portal',
      supplier_id: '#ex-payer-portal',
      type: 'SOFTWARE',
      category: 'Eligibility',
    },
  ],
  assets: [{ id: '#ex-ehr', name: 'EHR', organization_id: '#ex-hospital', type: 'EHR' }],
  workflows: [
    {
      id: '#ex-registration',
      name: 'Patient registration and eligibility',
      organization_id: '#ex-hospital',
      category: 'ADMINISTRATIVE',
      sector_workflow: 'Claims and payments',
      criticality: 2,
      tolerance_hours: 24,
      workaround_capacity: 0.5,
      volume_per_day: 800,
      volume_unit: 'patients',
    },
  ],
  criticalFunctions: [
    { id: '#ex-claims', name: 'Process claims and payments', ncf: 'Provide Insurance Services' },
  ],
  workflowFunctions: [{ workflow_id: '#ex-registration', function_id: '#ex-claims' }],
  dependencies: [
    {
      from_id: '#ex-registration',
      to_id: '#ex-eligibility-api',
      group: 'eligibility',
      strength: 1,
      source: 'CONTRACT',
      confidence: 0.9,
      notes: 'either eligibility service will do',
    },
    {
      from_id: '#ex-registration',
      to_id: '#ex-eligibility-portal',
      group: 'eligibility',
      strength: 1,
      source: 'QUESTIONNAIRE',
      confidence: 0.7,
    },
    { from_id: '#ex-registration', to_id: '#ex-ehr', strength: 1, source: 'ATTESTATION', confidence: 1 },
  ],
};

/** The rules that hold for every table, in the order the instructions list them. */
export const GENERAL_RULES: readonly string[] = [
  'Fill one sheet (or CSV file) per table; keep the header row as it is. A column marked * is required.',
  'Ids are yours to choose: unique across all tables, no spaces. Other tables refer to them (supplier_id, organization_id, from_id, to_id…); an id may also refer to an entity already in the map.',
  `Rows whose first cell starts with ${COMMENT_MARK} are examples or comments: the import ignores them. Keep them as a guide or delete them.`,
  'Values with a dropdown (subsector, size, type of a service, category of a workflow, criticality, source) take one of the listed values; case does not matter on import.',
  'Numbers: shares are from 0 to 1 (0.5 = half), hours and volumes are 0 or more, criticality is a whole number from 1 (most critical) to 5.',
  'Alternatives: give two or more dependencies of the same from_id the same group label when any one of them is enough (e.g. two eligibility services); the group then fails only when all of its members fail. A dependency without a group has no alternative.',
  'Import: `npm run import -- <file.xlsx|folder>` (add --dry-run to check it first), or the Import page of the web app. If any row has a problem nothing is written, and each problem names the sheet, line and column.',
];

/** Lines of text explaining the template (README.txt of a CSV folder). */
export function instructionsText(): string {
  const out = ['SMART template: how to fill it', '', ...GENERAL_RULES.map((r) => `- ${r}`), ''];
  out.push('Example: the rows starting with # in each file describe a hospital whose patient');
  out.push('registration needs its EHR and either of two eligibility services (group "eligibility").');
  for (const [table, guide] of Object.entries(TABLE_GUIDE) as [TemplateTableName, TableGuide][]) {
    const { file, required } = TEMPLATE_TABLES[table];
    out.push('', `${file}: ${guide.meaning}`);
    for (const column of TEMPLATE_TABLES[table].columns) {
      out.push(`  ${column}${required.includes(column) ? ' *' : ''}: ${columnText(guide.columns[column]!)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** One column's meaning, unit and allowed values in one line. */
export function columnText(c: ColumnGuide): string {
  const parts = [c.meaning];
  if (c.unit) parts.push(`Unit: ${c.unit}.`);
  if (c.values) parts.push(`One of ${c.values.join(', ')}.`);
  else if (c.range) parts.push(`${rangeText(c.range)}.`);
  return parts.join(' ');
}

export function rangeText(r: NumberRange): string {
  const what = r.integer ? 'A whole number' : 'A number';
  return r.max === undefined ? `${what} ≥ ${r.min}` : `${what} from ${r.min} to ${r.max}`;
}
