// The generator's shape parameters: categories, roles, archetype mix, names and
// regions (documented in the package README); data only.
// ------------------------------------------------------------------------------------------------
// Shape parameters (documented in the package README)
import type { ZipfExponent } from './prng';
import type { DependencySource, ServiceType, Subsector } from '@smart/domain';

/** Suppliers per entity. */
export const SUPPLIER_SHARE = 0.02;
/** Niche SaaS services a workflow uses beyond its structural dependencies (uniform 0..2×mean). */
export const NICHE_PER_WORKFLOW = 4;
/** Niche managed services (backup, remote access, monitoring) per asset (uniform 0..2×mean). */
export const NICHE_PER_ASSET = 1.5;

export interface RoleSpec {
  key: string;
  label: string;
  type: ServiceType;
}

export interface CategorySpec {
  key: string;
  /** Supplier category. */
  label: string;
  /** Share of suppliers and the minimum count. */
  share: number;
  min: number;
  /** Zipf exponent of consumers' choice among the category's suppliers. */
  exponent: ZipfExponent;
  /** Market shares of the leading suppliers (the rest follow the power law). */
  head?: number[];
  /** One service per role per supplier. */
  roles: RoleSpec[];
  /** Extra services of the first role per supplier, assigned to suppliers by popularity (cloud regions). */
  extra?: number;
  tier: 0 | 1;
  /** Name suffix of the suppliers. */
  suffix: readonly string[];
}

export const role = (key: string, label: string, type: ServiceType = 'SOFTWARE'): RoleSpec => ({
  key,
  label,
  type,
});

export const NICHE_WORKFLOW_ROLES = [
  role('analytics', 'Analytics'),
  role('telehealth', 'Telehealth'),
  role('patient-engagement', 'Patient engagement'),
  role('document-management', 'Document management'),
  role('fax', 'Fax and secure messaging', 'COMMUNICATIONS'),
  role('dictation', 'Dictation and transcription'),
  role('payroll', 'Payroll and HR'),
  role('quality-reporting', 'Quality reporting'),
];
export const NICHE_ASSET_ROLES = [
  role('backup', 'Backup and recovery', 'TECHNOLOGY'),
  role('managed-it', 'Managed IT services', 'TECHNOLOGY'),
  role('remote-access', 'Remote access', 'TECHNOLOGY'),
  role('monitoring', 'Infrastructure monitoring'),
];

export const CATEGORIES: CategorySpec[] = [
  // tier 0: infrastructure and fourth parties
  {
    key: 'cloud',
    label: 'Cloud infrastructure',
    share: 0.003,
    min: 3,
    exponent: 1.5,
    head: [0.45, 0.33, 0.14],
    roles: [role('cloud-region', 'cloud region', 'TECHNOLOGY')],
    extra: 3,
    tier: 0,
    suffix: ['Cloud'],
  },
  {
    key: 'identity',
    label: 'Identity and access',
    share: 0.003,
    min: 2,
    exponent: 1.75,
    head: [0.5, 0.3],
    roles: [role('identity', 'SSO and MFA')],
    tier: 0,
    suffix: ['Identity', 'ID'],
  },
  {
    key: 'endpoint',
    label: 'Endpoint security',
    share: 0.003,
    min: 2,
    exponent: 1.5,
    head: [0.45, 0.25],
    roles: [role('endpoint', 'endpoint protection (EDR)')],
    tier: 0,
    suffix: ['Security', 'Cyber'],
  },
  {
    key: 'telecom',
    label: 'Telecommunications',
    share: 0.008,
    min: 3,
    exponent: 1.25,
    roles: [
      role('telecom', 'WAN and internet', 'COMMUNICATIONS'),
      role('wireless', 'wireless', 'COMMUNICATIONS'),
    ],
    tier: 0,
    suffix: ['Telecom', 'Communications', 'Fiber'],
  },
  {
    key: 'power',
    label: 'Electric utility',
    share: 0.004,
    min: 1,
    exponent: 1,
    roles: [role('power', 'electric power', 'PHYSICAL')],
    tier: 0,
    suffix: ['Power & Light', 'Electric'],
  },
  {
    key: 'water',
    label: 'Water utility',
    share: 0.003,
    min: 1,
    exponent: 1,
    roles: [role('water', 'water supply', 'PHYSICAL')],
    tier: 0,
    suffix: ['Water Authority'],
  },
  {
    key: 'fuel',
    label: 'Fuel',
    share: 0.003,
    min: 1,
    exponent: 1.25,
    roles: [role('fuel', 'generator fuel delivery', 'PHYSICAL')],
    tier: 0,
    suffix: ['Fuel Services'],
  },
  {
    key: 'component',
    label: 'Open-source component',
    share: 0.02,
    min: 2,
    exponent: 1.25,
    roles: [],
    tier: 0,
    suffix: ['(open-source library)'],
  },
  // tier 1: health-sector technology and supply
  {
    key: 'ehr',
    label: 'EHR',
    share: 0.006,
    min: 4,
    exponent: 1.5,
    head: [0.42, 0.23, 0.15],
    roles: [role('ehr', 'hosted EHR')],
    tier: 1,
    suffix: ['Health Records', 'Clinical', 'Health Systems'],
  },
  {
    key: 'ambulatory',
    label: 'Ambulatory EHR and practice management',
    share: 0.02,
    min: 3,
    exponent: 1.25,
    roles: [role('ambulatory-ehr', 'cloud EHR and practice management')],
    tier: 1,
    suffix: ['Health', 'Practice Cloud'],
  },
  {
    key: 'clearinghouse',
    label: 'Clearinghouse',
    share: 0.005,
    min: 3,
    exponent: 1.75,
    head: [0.5, 0.22, 0.18],
    roles: [role('claims', 'claims network'), role('eligibility', 'eligibility (270/271)')],
    tier: 1,
    suffix: ['Exchange', 'Clearing', 'Claims'],
  },
  {
    key: 'erx',
    label: 'E-prescribing network',
    share: 0.001,
    min: 1,
    exponent: 2,
    head: [0.9],
    roles: [role('erx', 'e-prescribing network')],
    tier: 1,
    suffix: ['Script'],
  },
  {
    key: 'rx-switch',
    label: 'Pharmacy switch',
    share: 0.002,
    min: 2,
    exponent: 1.75,
    head: [0.55, 0.35],
    roles: [role('rx-switch', 'pharmacy switch')],
    tier: 1,
    suffix: ['Rx Network'],
  },
  {
    key: 'pms',
    label: 'Pharmacy management system',
    share: 0.008,
    min: 2,
    exponent: 1.25,
    roles: [role('pms', 'cloud pharmacy system')],
    tier: 1,
    suffix: ['Pharmacy Systems'],
  },
  {
    key: 'lis',
    label: 'Laboratory information system',
    share: 0.006,
    min: 2,
    exponent: 1.5,
    roles: [role('lis', 'cloud LIS')],
    tier: 1,
    suffix: ['Informatics'],
  },
  {
    key: 'pacs',
    label: 'PACS and imaging',
    share: 0.006,
    min: 2,
    exponent: 1.5,
    roles: [role('pacs', 'cloud PACS')],
    tier: 1,
    suffix: ['Imaging'],
  },
  {
    key: 'telerad',
    label: 'Teleradiology',
    share: 0.005,
    min: 1,
    exponent: 1.25,
    roles: [role('telerad', 'teleradiology reads')],
    tier: 1,
    suffix: ['Teleradiology'],
  },
  {
    key: 'medauto',
    label: 'Medication automation',
    share: 0.003,
    min: 1,
    exponent: 1.75,
    roles: [role('medauto', 'dispensing cabinet server')],
    tier: 1,
    suffix: ['Automation'],
  },
  {
    key: 'comms',
    label: 'Clinical communications',
    share: 0.006,
    min: 1,
    exponent: 1.5,
    roles: [role('comms', 'clinical communications')],
    tier: 1,
    suffix: ['Call', 'Connect'],
  },
  {
    key: 'scheduling',
    label: 'Staff scheduling',
    share: 0.006,
    min: 1,
    exponent: 1.5,
    roles: [role('scheduling', 'staff scheduling')],
    tier: 1,
    suffix: ['Roster', 'Shift'],
  },
  {
    key: 'rcm',
    label: 'Revenue-cycle outsourcing',
    share: 0.006,
    min: 1,
    exponent: 1.5,
    roles: [role('rcm', 'revenue-cycle services')],
    tier: 1,
    suffix: ['Revenue Cycle'],
  },
  {
    key: 'becs',
    label: 'Blood establishment software',
    share: 0.002,
    min: 1,
    exponent: 1.75,
    roles: [role('becs', 'blood establishment computer system')],
    tier: 1,
    suffix: ['Hema'],
  },
  {
    key: 'blood-supplier',
    label: 'Blood supplier',
    share: 0.002,
    min: 1,
    exponent: 1.75,
    roles: [role('blood-supplier', 'blood products', 'PHYSICAL')],
    tier: 1,
    suffix: ['Blood Network'],
  },
  {
    key: 'courier',
    label: 'Logistics',
    share: 0.006,
    min: 1,
    exponent: 1.25,
    roles: [role('courier', 'specimen and blood courier', 'PHYSICAL')],
    tier: 1,
    suffix: ['Courier'],
  },
  {
    key: 'iv',
    label: 'IV solutions',
    share: 0.002,
    min: 3,
    exponent: 2,
    head: [0.6, 0.25],
    roles: [role('iv', 'IV solutions plant', 'PHYSICAL')],
    tier: 1,
    suffix: ['Infusion Products'],
  },
  {
    key: 'dialysate',
    label: 'Dialysis supplies',
    share: 0.002,
    min: 2,
    exponent: 1.75,
    roles: [role('dialysate', 'dialysate and disposables', 'PHYSICAL')],
    tier: 1,
    suffix: ['Renal Products'],
  },
  {
    key: 'reagents',
    label: 'Lab reagents',
    share: 0.003,
    min: 2,
    exponent: 1.5,
    roles: [role('reagents', 'analyser reagents', 'PHYSICAL')],
    tier: 1,
    suffix: ['Diagnostics'],
  },
  {
    key: 'raw-materials',
    label: 'Raw materials',
    share: 0.01,
    min: 1,
    exponent: 1.25,
    roles: [role('raw-materials', 'raw materials', 'PHYSICAL')],
    tier: 1,
    suffix: ['Polymers', 'Chemicals'],
  },
  {
    key: 'erp',
    label: 'ERP and supply chain',
    share: 0.004,
    min: 1,
    exponent: 1.75,
    roles: [role('erp', 'cloud ERP and warehouse management')],
    tier: 1,
    suffix: ['ERP'],
  },
  {
    key: 'payer-core',
    label: 'Payer core administration',
    share: 0.003,
    min: 1,
    exponent: 1.5,
    roles: [role('payer-core', 'core administration (cloud)')],
    tier: 1,
    suffix: ['Core Admin'],
  },
  {
    key: 'bank',
    label: 'Banking',
    share: 0.005,
    min: 1,
    exponent: 1.5,
    roles: [role('bank', 'ACH payments', 'TECHNOLOGY')],
    tier: 1,
    suffix: ['Bank', 'Trust'],
  },
  {
    key: 'dialysis-ehr',
    label: 'Dialysis EHR',
    share: 0.002,
    min: 1,
    exponent: 1.75,
    roles: [role('dialysis-ehr', 'dialysis EHR')],
    tier: 1,
    suffix: ['Chart'],
  },
  {
    key: 'ph-software',
    label: 'Public-health software',
    share: 0.002,
    min: 1,
    exponent: 1.5,
    roles: [role('ph-software', 'surveillance platform'), role('vital-records', 'death registration system')],
    tier: 1,
    suffix: ['Civic Systems'],
  },
  {
    key: 'interop',
    label: 'Interoperability',
    share: 0.003,
    min: 1,
    exponent: 1.5,
    roles: [role('interop', 'HIE platform')],
    tier: 1,
    suffix: ['Interop'],
  },
  // the long tail: niche SaaS and managed services (the remaining suppliers, split evenly)
  ...[...NICHE_WORKFLOW_ROLES, ...NICHE_ASSET_ROLES].map(
    (r): CategorySpec => ({
      key: `niche-${r.key}`,
      label: r.label,
      share: 0,
      min: 1,
      exponent: 1.25,
      roles: [r],
      tier: 1,
      suffix: ['Software', 'Systems', 'Labs', 'Cloud', 'Health', 'Solutions'],
    }),
  ),
];
export const NICHE_CATEGORY_COUNT = NICHE_WORKFLOW_ROLES.length + NICHE_ASSET_ROLES.length;

export type ProviderType =
  | 'pbm'
  | 'blood-center'
  | 'lab'
  | 'distributor'
  | 'manufacturer'
  | 'payer'
  | 'public-health'
  | 'hie'
  | 'mass-fatality';
export type ConsumerType = 'hospital' | 'clinic' | 'dialysis' | 'pharmacy';
export type OrgType = ProviderType | ConsumerType;

/** Provider organisations: share of all organisations, minimum, Zipf exponent of consumers' choice, head shares. */
export const PROVIDERS: [ProviderType, number, number, ZipfExponent, number[]?][] = [
  ['pbm', 0.02, 3, 1.75, [0.3, 0.27, 0.23]],
  ['blood-center', 0.004, 1, 1.5],
  ['lab', 0.04, 2, 1.25],
  ['distributor', 0.017, 3, 1.5],
  ['manufacturer', 0.027, 2, 1.25],
  ['payer', 0.04, 2, 1.25],
  ['public-health', 0.004, 1, 1],
  ['hie', 0.004, 1, 1.25],
  ['mass-fatality', 0.007, 1, 1],
];
export const CONSUMERS: [ConsumerType, number][] = [
  ['hospital', 0.24],
  ['clinic', 0.4],
  ['dialysis', 0.1],
  ['pharmacy', 0.26],
];
/** Rough mean entities per organisation, only to size the provider block. */
export const MEAN_ENTITIES_PER_ORG = 9;

// Stream tags for hashSeed.
export const TAG_SUPPLIER = 1;
export const TAG_SERVICE = 2;
export const TAG_ORG = 3;
export const TAG_PLAN = 4;

export const NAME_A = [
  'Nor',
  'Ver',
  'Cal',
  'Bel',
  'Ash',
  'Cor',
  'Dal',
  'Ev',
  'Fen',
  'Gal',
  'Hal',
  'Ist',
  'Jun',
  'Kel',
  'Lum',
  'Mar',
  'Nex',
  'Or',
  'Pal',
  'Quin',
  'Ros',
  'Sol',
  'Tal',
  'Ul',
  'Val',
  'Wes',
  'Xan',
  'Yor',
  'Zen',
  'Bri',
];
export const NAME_B = [
  'vale',
  'tra',
  'ion',
  'ara',
  'ium',
  'ex',
  'ona',
  'is',
  'en',
  'ora',
  'ix',
  'ant',
  'ery',
  'ford',
  'ton',
  'ley',
  'ris',
  'lyn',
  'mont',
  'stead',
  'wick',
  'dale',
  'ane',
  'aro',
];
/** Organizations' regions at scale: the US states and DC by their postal codes (the impact map places them). */
export const REGIONS = [
  'AL',
  'AK',
  'AZ',
  'AR',
  'CA',
  'CO',
  'CT',
  'DE',
  'DC',
  'FL',
  'GA',
  'HI',
  'ID',
  'IL',
  'IN',
  'IA',
  'KS',
  'KY',
  'LA',
  'ME',
  'MD',
  'MA',
  'MI',
  'MN',
  'MS',
  'MO',
  'MT',
  'NE',
  'NV',
  'NH',
  'NJ',
  'NM',
  'NY',
  'NC',
  'ND',
  'OH',
  'OK',
  'OR',
  'PA',
  'RI',
  'SC',
  'SD',
  'TN',
  'TX',
  'UT',
  'VT',
  'VA',
  'WA',
  'WV',
  'WI',
  'WY',
];

export const NICHE_WF = NICHE_WORKFLOW_ROLES.map((r) => r.key);
export const NICHE_ASSET = NICHE_ASSET_ROLES.map((r) => r.key);

export const SUBSECTOR: Record<OrgType, Subsector> = {
  hospital: 'DIRECT_PATIENT_CARE',
  clinic: 'DIRECT_PATIENT_CARE',
  dialysis: 'DIRECT_PATIENT_CARE',
  pharmacy: 'PHARMA_LABS_BLOOD',
  pbm: 'HEALTH_PLANS_PAYERS',
  'blood-center': 'PHARMA_LABS_BLOOD',
  lab: 'PHARMA_LABS_BLOOD',
  distributor: 'MEDICAL_MATERIALS_DEVICES',
  manufacturer: 'MEDICAL_MATERIALS_DEVICES',
  payer: 'HEALTH_PLANS_PAYERS',
  'public-health': 'PUBLIC_HEALTH',
  hie: 'HEALTH_IT',
  'mass-fatality': 'MASS_FATALITY',
};

export const TYPE_LABEL: Record<OrgType, string> = {
  hospital: 'Acute care hospital',
  clinic: 'Physician practice',
  dialysis: 'Dialysis center',
  pharmacy: 'Retail pharmacy',
  pbm: 'Pharmacy benefit manager',
  'blood-center': 'Blood center',
  lab: 'Clinical laboratory',
  distributor: 'Pharmaceutical wholesaler',
  manufacturer: 'Medical products manufacturer',
  payer: 'Health plan',
  'public-health': 'Public-health agency',
  hie: 'Health information exchange',
  'mass-fatality': 'Medical examiner',
};

export const NAME_SUFFIX: Record<OrgType, readonly string[]> = {
  hospital: [
    'General Hospital',
    'Medical Center',
    'Community Hospital',
    'Regional Medical Center',
    'Memorial Hospital',
  ],
  clinic: ['Family Medicine', 'Pediatrics', 'Internal Medicine', 'Urgent Care', 'Community Health Center'],
  dialysis: ['Kidney Care', 'Dialysis Center', 'Renal Care'],
  pharmacy: ['Pharmacy', 'Drug', 'Apothecary'],
  pbm: ['Rx Benefits', 'Pharmacy Benefits', 'Rx'],
  'blood-center': ['Blood Center', 'Blood Services'],
  lab: ['Diagnostics', 'Clinical Laboratory', 'Reference Laboratory'],
  distributor: ['Drug Distribution', 'Medical Supply', 'Health Logistics'],
  manufacturer: ['Medical Products', 'Pharmaceuticals', 'Devices', 'Biologics'],
  payer: ['Health Plan', 'Health Insurance', 'Care Plan'],
  'public-health': ['Department of Public Health'],
  hie: ['Health Information Exchange'],
  'mass-fatality': ['Office of the Medical Examiner', 'Funeral and Cremation Services'],
};

export const CONTRACT_SOURCES: DependencySource[] = [
  'CONTRACT',
  'CONTRACT',
  'CONTRACT',
  'QUESTIONNAIRE',
  'ATTESTATION',
];
export const VENDOR_SOURCES: DependencySource[] = [
  'QUESTIONNAIRE',
  'QUESTIONNAIRE',
  'INFERRED',
  'ATTESTATION',
];
