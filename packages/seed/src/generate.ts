// The deterministic scale generator: an ecosystem of any size with the shape of the
// demo (same archetypes, workflows, tolerances and critical functions), Zipf-like
// supplier popularity, a minority of dependencies with contracted alternatives, a
// fourth-party layer under the vendors' services, and a long tail of niche SaaS.
//
// Everything about organisation i (its type, assets, workflows, dependencies) is a
// pure function of (seed, i), and ids are derived from indices, so the rows can be
// produced as a stream without holding the graph in memory: `generateRows` yields
// them one at a time; `generateEcosystem` collects them into a Template (fine for
// S and M; L as objects needs a large heap, so stream it with writeGeneratedCsv).
import type {
  CriticalFunctionRow,
  DependencyRow,
  DependencySource,
  OrganizationRow,
  OrganizationSize,
  ServiceType,
  Subsector,
  Template,
  TemplateTableName,
} from '@smart/domain';
import { emptyTemplate } from '@smart/domain';
import { hashSeed, Rng, Zipf, type ZipfExponent } from './prng';
import { CRITICAL_FUNCTIONS, type WorkflowProfile, WORKFLOW_PROFILES as P } from './profiles';

export interface GenerateOptions {
  /** Target number of entities (organisations, suppliers, services, assets, workflows, critical functions). */
  entities: number;
  seed: number;
}

export const SIZES = { S: 10_000, M: 100_000, L: 1_000_000 } as const;
export type SizeName = keyof typeof SIZES;

/** One row of one table, as `generateRows` yields them. */
export type GeneratedRow = {
  [T in TemplateTableName]: { table: T; row: Template[T][number] };
}[TemplateTableName];

// ------------------------------------------------------------------------------------------------
// Shape parameters (documented in the package README)

/** Suppliers per entity. */
export const SUPPLIER_SHARE = 0.02;
/** Niche SaaS services a workflow uses beyond its structural dependencies (uniform 0..2×mean). */
export const NICHE_PER_WORKFLOW = 4;
/** Niche managed services (backup, remote access, monitoring) per asset (uniform 0..2×mean). */
export const NICHE_PER_ASSET = 1.5;

interface RoleSpec {
  key: string;
  label: string;
  type: ServiceType;
}

interface CategorySpec {
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

const role = (key: string, label: string, type: ServiceType = 'SOFTWARE'): RoleSpec => ({ key, label, type });

const NICHE_WORKFLOW_ROLES = [
  role('analytics', 'Analytics'),
  role('telehealth', 'Telehealth'),
  role('patient-engagement', 'Patient engagement'),
  role('document-management', 'Document management'),
  role('fax', 'Fax and secure messaging', 'COMMUNICATIONS'),
  role('dictation', 'Dictation and transcription'),
  role('payroll', 'Payroll and HR'),
  role('quality-reporting', 'Quality reporting'),
];
const NICHE_ASSET_ROLES = [
  role('backup', 'Backup and recovery', 'TECHNOLOGY'),
  role('managed-it', 'Managed IT services', 'TECHNOLOGY'),
  role('remote-access', 'Remote access', 'TECHNOLOGY'),
  role('monitoring', 'Infrastructure monitoring'),
];

const CATEGORIES: CategorySpec[] = [
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
const NICHE_CATEGORY_COUNT = NICHE_WORKFLOW_ROLES.length + NICHE_ASSET_ROLES.length;

type ProviderType =
  | 'pbm'
  | 'blood-center'
  | 'lab'
  | 'distributor'
  | 'manufacturer'
  | 'payer'
  | 'public-health'
  | 'hie'
  | 'mass-fatality';
type ConsumerType = 'hospital' | 'clinic' | 'dialysis' | 'pharmacy';
type OrgType = ProviderType | ConsumerType;

/** Provider organisations: share of all organisations, minimum, Zipf exponent of consumers' choice, head shares. */
const PROVIDERS: [ProviderType, number, number, ZipfExponent, number[]?][] = [
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
const CONSUMERS: [ConsumerType, number][] = [
  ['hospital', 0.24],
  ['clinic', 0.4],
  ['dialysis', 0.1],
  ['pharmacy', 0.26],
];
/** Rough mean entities per organisation, only to size the provider block. */
const MEAN_ENTITIES_PER_ORG = 9;

// Stream tags for hashSeed.
const TAG_SUPPLIER = 1;
const TAG_SERVICE = 2;
const TAG_ORG = 3;
const TAG_PLAN = 4;

const NAME_A = [
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
const NAME_B = [
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
const REGIONS = [
  'Northbridge',
  'Cascadia',
  'Tri-River',
  'High Plains',
  'Gulf Coast',
  'Piedmont',
  'Lake Country',
  'Mesa',
  'Tidewater',
  'Big Sky',
  'Bluegrass',
  'Red Rock',
  'Great Basin',
  'Ozark',
  'Prairie',
  'Sierra',
];

function word(rng: Rng): string {
  return rng.pick(NAME_A) + rng.pick(NAME_B);
}

interface Category {
  spec: CategorySpec;
  supplierStart: number;
  supplierCount: number;
}

interface Role {
  spec: RoleSpec;
  category: Category;
  /** All service indices of the role. */
  services: number[];
  /** Per supplier of the category (most popular first): its services of this role. */
  bySupplier: number[][];
  /** Popularity of the category's suppliers. */
  supplierZipf: Zipf;
}

interface Provider {
  type: ProviderType;
  start: number;
  count: number;
  zipf: Zipf;
}

/** Everything that is global to one generated ecosystem; small (O(suppliers + services)). */
class Plan {
  readonly seed: number;
  readonly target: number;
  readonly width: number;
  readonly categories: Category[] = [];
  readonly supplierCategory: Int32Array;
  readonly nSuppliers: number;
  /** Per service: supplier index and role key. */
  readonly serviceSupplier: number[] = [];
  readonly serviceRole: Role[] = [];
  readonly serviceExtra: number[] = [];
  readonly roles = new Map<string, Role>();
  readonly providers = new Map<ProviderType, Provider>();
  readonly nProviders: number;
  readonly componentCategory: Category;
  readonly componentZipf: Zipf;

  constructor(opts: GenerateOptions) {
    this.seed = opts.seed >>> 0;
    this.target = Math.max(1, Math.floor(opts.entities));
    this.width = Math.max(4, String(this.target).length);

    // Suppliers, in category blocks.
    const fixed = CATEGORIES.filter((c) => !c.key.startsWith('niche-'));
    let nSup = Math.round(this.target * SUPPLIER_SHARE);
    const counts = fixed.map((c) => Math.max(c.min, Math.round(nSup * c.share)));
    const fixedTotal = counts.reduce((a, b) => a + b, 0);
    nSup = Math.max(nSup, fixedTotal + 8 * NICHE_CATEGORY_COUNT);
    const nicheEach = Math.floor((nSup - fixedTotal) / NICHE_CATEGORY_COUNT);
    let start = 0;
    for (const spec of CATEGORIES) {
      const i = fixed.indexOf(spec);
      const count = i >= 0 ? (counts[i] as number) : nicheEach;
      this.categories.push({ spec, supplierStart: start, supplierCount: count });
      start += count;
    }
    this.nSuppliers = start;
    this.supplierCategory = new Int32Array(this.nSuppliers);
    this.categories.forEach((c, ci) => {
      for (let k = 0; k < c.supplierCount; k++) this.supplierCategory[c.supplierStart + k] = ci;
    });
    this.componentCategory = this.categories.find((c) => c.spec.key === 'component') as Category;
    this.componentZipf = new Zipf(this.componentCategory.supplierCount, this.componentCategory.spec.exponent);

    // Services: one per role per supplier, plus extras of the first role by supplier popularity.
    const rng = new Rng(hashSeed(this.seed, TAG_PLAN));
    for (const c of this.categories) {
      const supplierZipf = new Zipf(c.supplierCount, c.spec.exponent, c.spec.head);
      c.spec.roles.forEach((r, ri) => {
        const roleObj: Role = { spec: r, category: c, services: [], bySupplier: [], supplierZipf };
        this.roles.set(r.key, roleObj);
        for (let k = 0; k < c.supplierCount; k++) {
          const id = this.addService(c.supplierStart + k, roleObj, 0);
          roleObj.bySupplier.push([id]);
        }
        if (ri === 0 && c.spec.extra) {
          for (let x = 0; x < c.spec.extra * c.supplierCount; x++) {
            const k = supplierZipf.sample(rng);
            const list = roleObj.bySupplier[k] as number[];
            list.push(this.addService(c.supplierStart + k, roleObj, list.length));
          }
        }
      });
    }

    // Organisations: the provider block first (fixed types), consumers after it.
    const orgEstimate = Math.max(
      20,
      Math.round((this.target - this.nSuppliers - this.serviceSupplier.length) / MEAN_ENTITIES_PER_ORG),
    );
    let p = 0;
    for (const [type, share, min, exponent, head] of PROVIDERS) {
      const count = Math.max(min, Math.round(orgEstimate * share));
      this.providers.set(type, { type, start: p, count, zipf: new Zipf(count, exponent, head) });
      p += count;
    }
    this.nProviders = p;
  }

  private addService(supplier: number, role: Role, ordinal: number): number {
    const id = this.serviceSupplier.length;
    this.serviceSupplier.push(supplier);
    this.serviceRole.push(role);
    this.serviceExtra.push(ordinal);
    role.services.push(id);
    return id;
  }

  private readonly withinSupplier = new Map<number, Zipf>();

  /** Popularity among the n services of one supplier (regions of a cloud). */
  within(n: number): Zipf {
    let z = this.withinSupplier.get(n);
    if (!z) {
      z = new Zipf(n, 1.5);
      this.withinSupplier.set(n, z);
    }
    return z;
  }

  get nServices(): number {
    return this.serviceSupplier.length;
  }

  pad(n: number): string {
    return String(n).padStart(this.width, '0');
  }

  supplierId(j: number): string {
    return `sup-${this.pad(j)}`;
  }

  serviceId(k: number): string {
    return `svc-${this.pad(k)}`;
  }

  providerType(i: number): ProviderType | undefined {
    for (const pr of this.providers.values()) if (i >= pr.start && i < pr.start + pr.count) return pr.type;
    return undefined;
  }

  role(key: string): Role {
    const r = this.roles.get(key);
    if (!r) throw new Error(`no role ${key}`);
    return r;
  }
}

const NICHE_WF = NICHE_WORKFLOW_ROLES.map((r) => r.key);
const NICHE_ASSET = NICHE_ASSET_ROLES.map((r) => r.key);

const SUBSECTOR: Record<OrgType, Subsector> = {
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

const TYPE_LABEL: Record<OrgType, string> = {
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

const NAME_SUFFIX: Record<OrgType, readonly string[]> = {
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

const CONTRACT_SOURCES: DependencySource[] = [
  'CONTRACT',
  'CONTRACT',
  'CONTRACT',
  'QUESTIONNAIRE',
  'ATTESTATION',
];
const VENDOR_SOURCES: DependencySource[] = ['QUESTIONNAIRE', 'QUESTIONNAIRE', 'INFERRED', 'ATTESTATION'];

/** Collects the rows of one organisation (or one service), then hands them out. */
class OrgEmitter {
  readonly rows: GeneratedRow[] = [];
  entities = 0;
  private readonly edges = new Set<string>();

  constructor(
    readonly plan: Plan,
    readonly rng: Rng,
    readonly index: number,
  ) {}

  get n(): string {
    return this.plan.pad(this.index);
  }

  assetId(code: string): string {
    return `asset-${this.n}-${code}`;
  }

  wfId(code: string): string {
    return `wf-${this.n}-${code}`;
  }

  org(type: OrgType, extra: Partial<OrganizationRow> = {}): string {
    const id = `org-${type}-${this.n}`;
    const row: OrganizationRow = {
      id,
      name: `${word(this.rng)} ${this.rng.pick(NAME_SUFFIX[type])}`,
      subsector: SUBSECTOR[type],
      type: TYPE_LABEL[type],
      region: this.rng.pick(REGIONS),
      ...extra,
    };
    this.rows.push({ table: 'organizations', row: compactRow(row) });
    this.entities++;
    return id;
  }

  asset(orgId: string, code: string, name: string, type: string, niche = true): string {
    const id = this.assetId(code);
    this.rows.push({ table: 'assets', row: { id, name, organizationId: orgId, type } });
    this.entities++;
    if (niche) this.niche(id, NICHE_ASSET, NICHE_PER_ASSET);
    return id;
  }

  workflow(orgId: string, p: WorkflowProfile, volume: number, name?: string): string {
    const id = this.wfId(p.code);
    const rng = this.rng;
    this.rows.push({
      table: 'workflows',
      row: {
        id,
        name: name ?? p.name,
        organizationId: orgId,
        category: p.category,
        sectorWorkflow: p.sectorWorkflow,
        criticality: p.criticality,
        toleranceHours: rng.int(p.tolerance[0], p.tolerance[1]),
        workaroundCapacity: rng.real(p.workaround[0], p.workaround[1]),
        volumePerDay: Math.max(1, Math.round(volume)),
        volumeUnit: p.volumeUnit,
      },
    });
    this.entities++;
    for (const f of p.functions)
      this.rows.push({ table: 'workflowFunctions', row: { workflowId: id, functionId: f } });
    this.niche(id, NICHE_WF, NICHE_PER_WORKFLOW);
    return id;
  }

  /** A DEPENDS_ON edge; repeated (from, to) pairs are dropped. */
  dep(from: string, to: string, opts: Omit<DependencyRow, 'from' | 'to'> = {}): boolean {
    if (from === to) return false;
    const key = `${from}>${to}`;
    if (this.edges.has(key)) return false;
    this.edges.add(key);
    this.rows.push({ table: 'dependencies', row: compactRow({ from, to, ...opts }) });
    return true;
  }

  contract(from: string, to: string, extra: Omit<DependencyRow, 'from' | 'to'> = {}): boolean {
    const source = this.rng.pick(CONTRACT_SOURCES);
    const confidence = source === 'CONTRACT' ? 1 : this.rng.real(0.7, 0.95);
    return this.dep(from, to, { source, confidence, ...extra });
  }

  /** Index (rank) of a service of `roleKey`, drawn by popularity. */
  pickService(roleKey: string): number {
    const r = this.plan.role(roleKey);
    const list = r.bySupplier[r.supplierZipf.sample(this.rng)] as number[];
    return (list.length === 1 ? list[0] : list[this.plan.within(list.length).sample(this.rng)]) as number;
  }

  /**
   * Depends on a service of `roleKey` chosen by popularity; with probability `alt`
   * also on a different one of the same role, both in `group` (alternatives).
   */
  service(
    from: string,
    roleKey: string,
    alt = 0,
    group = roleKey,
    extra: Omit<DependencyRow, 'from' | 'to'> = {},
  ): void {
    const r = this.plan.role(roleKey);
    const first = this.pickService(roleKey);
    if (alt > 0 && r.services.length > 1 && this.rng.chance(alt)) {
      let second = first;
      for (
        let tries = 0;
        tries < 8 && this.plan.serviceSupplier[second] === this.plan.serviceSupplier[first];
        tries++
      ) {
        second = r.services[this.rng.int(0, r.services.length - 1)] as number;
      }
      if (this.plan.serviceSupplier[second] !== this.plan.serviceSupplier[first]) {
        this.contract(from, this.plan.serviceId(first), { group, ...extra });
        this.contract(from, this.plan.serviceId(second), {
          group,
          ...extra,
          notes: 'contracted alternative',
        });
        return;
      }
    }
    this.contract(from, this.plan.serviceId(first), extra);
  }

  /** Workflow id of a provider organisation of `type`, drawn by popularity. */
  pickProvider(type: ProviderType, code: string, avoid?: string): string {
    const pr = this.plan.providers.get(type) as Provider;
    let id = '';
    for (let tries = 0; tries < 8; tries++) {
      const k = pr.start + pr.zipf.sample(this.rng);
      id = `wf-${this.plan.pad(k)}-${code}`;
      if (id !== avoid) break;
    }
    return id;
  }

  provider(from: string, type: ProviderType, code: string, alt = 0, group: string = type): void {
    const first = this.pickProvider(type, code);
    if (alt > 0 && this.rng.chance(alt)) {
      const second = this.pickProvider(type, code, first);
      if (second !== first) {
        this.contract(from, first, { group });
        this.contract(from, second, { group, notes: 'contracted alternative' });
        return;
      }
    }
    this.contract(from, first);
  }

  /** 0..2×mean niche services of the given roles (long tail, Zipf within each role). */
  niche(from: string, roleKeys: readonly string[], mean: number): void {
    const k = this.rng.int(0, Math.round(2 * mean));
    for (let i = 0; i < k; i++) {
      // A repeated pick is drawn again (a few times), so the mean holds in small ecosystems too.
      for (let tries = 0; tries < 4; tries++) {
        const roleKey = this.rng.pick(roleKeys);
        if (this.contract(from, this.plan.serviceId(this.pickService(roleKey)))) break;
      }
    }
  }

  /** Site network: one carrier or two diverse ones (group "wan"). */
  network(id: string, dual: number): void {
    this.service(id, 'telecom', dual, 'wan');
  }

  /** Utility power backed by on-site generators (group "power"). */
  power(id: string, generators?: string): void {
    if (!generators) {
      this.service(id, 'power');
      return;
    }
    this.contract(id, this.plan.serviceId(this.pickService('power')), { group: 'power' });
    this.dep(id, generators, { group: 'power', notes: 'on-site emergency generators' });
  }

  generators(orgId: string): string {
    const g = this.asset(orgId, 'generators', 'Emergency generators', 'Emergency power', false);
    this.service(g, 'fuel');
    return g;
  }

  claimsAndEligibility(orgId: string, system: string, claims: number, backup: number): string {
    const c = this.workflow(orgId, P.claims, claims);
    const e = this.workflow(orgId, P.eligibility, claims * 0.35);
    this.dep(c, system);
    this.dep(e, system);
    // The same clearinghouse for claims and eligibility (the roles list one service per
    // clearinghouse, in the same order), with the same contracted backup when there is one.
    const ch = this.plan.role('claims');
    const elig = this.plan.role('eligibility');
    const n = ch.bySupplier.length;
    const k = ch.supplierZipf.sample(this.rng);
    let b = -1;
    if (backup > 0 && n > 2 && this.rng.chance(backup)) {
      // Backups are never the dominant clearinghouse (as in the demo).
      do b = this.rng.int(1, n - 1);
      while (b === k);
    }
    for (const [wf, r] of [
      [c, ch],
      [e, elig],
    ] as const) {
      const primary = this.plan.serviceId(r.bySupplier[k]?.[0] as number);
      if (b < 0) {
        this.contract(wf, primary);
      } else {
        this.contract(wf, primary, { group: 'clearinghouse' });
        this.contract(wf, this.plan.serviceId(r.bySupplier[b]?.[0] as number), {
          group: 'clearinghouse',
          notes: 'contracted backup clearinghouse',
        });
      }
    }
    return c;
  }
}

function compactRow<T extends object>(row: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (v !== undefined) out[k] = v;
  return out as T;
}

const sizeOfBeds = (beds: number): OrganizationSize =>
  beds < 100 ? 'SMALL' : beds < 300 ? 'MEDIUM' : 'LARGE';

function hospitalBeds(rng: Rng): number {
  const band = rng.weighted([0.27, 0.3, 0.3, 0.1, 0.03]);
  switch (band) {
    case 0:
      return rng.int(10, 25);
    case 1:
      return rng.int(26, 99);
    case 2:
      return rng.int(100, 299);
    case 3:
      return rng.int(300, 599);
    default:
      return rng.int(600, 1100);
  }
}

// ------------------------------------------------------------------------------------------------
// Archetypes

function hospital(e: OrgEmitter): void {
  const { rng } = e;
  const beds = hospitalBeds(rng);
  const org = e.org('hospital', { size: sizeOfBeds(beds), beds });
  const net = e.asset(org, 'network', 'Campus network and data centre', 'Network and data centre');
  e.network(net, beds >= 100 ? 0.7 : 0.25);
  e.power(net, e.generators(org));
  const directory = e.asset(org, 'directory', 'Directory and identity services', 'Identity');
  e.dep(directory, net);
  const engine = e.asset(org, 'interface-engine', 'Interface engine', 'Integration');
  e.dep(engine, net);
  const ehr = e.asset(org, 'ehr', 'EHR', 'EHR');
  e.dep(ehr, net);
  e.dep(ehr, directory);
  if (rng.chance(0.5)) e.service(ehr, 'ehr');
  const pacs = e.asset(org, 'pacs', 'PACS', 'PACS');
  if (rng.chance(0.25)) e.service(pacs, 'pacs');
  else e.dep(pacs, net);
  e.dep(pacs, directory);
  const lis = e.asset(org, 'lis', 'Laboratory information system', 'LIS');
  if (rng.chance(0.2)) e.service(lis, 'lis');
  else e.dep(lis, net);
  e.dep(lis, directory);
  const cabinets = e.asset(
    org,
    'dispensing-cabinets',
    'Automated dispensing cabinets',
    'Medication automation',
  );
  if (rng.chance(0.55)) e.service(cabinets, 'medauto');
  else e.dep(cabinets, net);
  e.dep(cabinets, engine, { strength: 0.5 });
  const monitoring = e.asset(
    org,
    'patient-monitoring',
    'Patient monitoring and infusion pumps',
    'Medical device fleet',
  );
  e.dep(monitoring, net, { strength: 0.5 });
  const phones = e.asset(org, 'telephony', 'Telephony and nurse call', 'Telephony');
  e.service(phones, 'telecom');
  e.dep(phones, net);

  const comms = rng.chance(0.5);
  const scheduling = rng.chance(0.6);
  const lab = e.workflow(org, P.lab, beds * 12);
  e.dep(lab, lis);
  e.service(lab, 'reagents', 0.15);
  e.dep(lab, engine, { strength: 0.6 });
  const imaging = e.workflow(org, P.imaging, beds * 0.9);
  e.dep(imaging, pacs);
  e.dep(imaging, ehr, { strength: 0.5 });
  e.dep(imaging, engine, { strength: 0.5 });
  if (beds < 150 && rng.chance(0.7)) e.service(imaging, 'telerad', 0, 'telerad', { strength: 0.4 });
  const iv = e.workflow(org, P.ivAdministration, beds * 1.7);
  e.service(iv, 'iv', 0.2, 'iv-fluids');
  e.dep(iv, cabinets);
  e.dep(iv, ehr, { strength: 0.5 });
  e.dep(iv, monitoring, { strength: 0.5 });
  const transfusion = e.workflow(org, P.transfusion, Math.max(1, beds * 0.05));
  if (rng.chance(0.85)) {
    if (rng.chance(0.3)) {
      e.contract(transfusion, e.pickProvider('blood-center', P.bloodDistribution.code), { group: 'blood' });
      e.contract(transfusion, e.plan.serviceId(e.pickService('blood-supplier')), { group: 'blood' });
    } else {
      e.provider(transfusion, 'blood-center', P.bloodDistribution.code);
    }
  } else {
    e.service(transfusion, 'blood-supplier', 0.3, 'blood');
  }
  e.dep(transfusion, lis);
  e.dep(transfusion, engine, { strength: 0.3 });
  const ed = e.workflow(org, P.emergency, Math.max(15, beds * 0.45));
  e.dep(ed, ehr);
  e.dep(ed, lab, { strength: 0.5 });
  e.dep(ed, imaging, { strength: 0.4 });
  e.dep(ed, monitoring);
  e.dep(ed, phones, { strength: 0.3 });
  e.service(ed, 'wireless', 0, 'wireless', { strength: 0.3 });
  if (beds >= 300) e.dep(ed, transfusion, { strength: 0.3 });
  if (comms) e.service(ed, 'comms', 0, 'comms', { strength: 0.3 });
  if (scheduling) e.service(ed, 'scheduling', 0, 'scheduling', { strength: 0.2 });
  const inpatient = e.workflow(org, P.inpatient, beds * 0.68);
  e.dep(inpatient, ehr);
  e.dep(inpatient, iv, { strength: 0.6 });
  e.dep(inpatient, lab, { strength: 0.4 });
  e.dep(inpatient, transfusion, { strength: 0.1 });
  e.dep(inpatient, monitoring);
  e.dep(inpatient, phones, { strength: 0.3 });
  if (comms) e.service(inpatient, 'comms', 0, 'comms', { strength: 0.2 });
  if (scheduling) e.service(inpatient, 'scheduling', 0, 'scheduling', { strength: 0.2 });
  const erx = e.workflow(org, P.eprescribing, beds * 0.6);
  e.dep(erx, ehr);
  e.service(erx, 'erx');
  const claims = e.claimsAndEligibility(org, ehr, beds * 9, 0.15);
  e.dep(claims, engine, { strength: 0.5 });
  if (rng.chance(0.3)) e.service(claims, 'rcm', 0, 'rcm', { strength: 0.7 });
  const supplies = e.workflow(org, P.supplies, beds * 0.4);
  e.provider(supplies, 'distributor', P.distribution.code, 0.2, 'wholesaler');
  if (beds >= 150) e.service(supplies, 'erp', 0, 'erp', { strength: 0.5 });
  e.dep(inpatient, supplies, { strength: 0.3 });
}

function clinic(e: OrgEmitter): void {
  const { rng } = e;
  const clinicians = rng.int(2, 30);
  const org = e.org('clinic', { size: clinicians >= 20 ? 'MEDIUM' : 'SMALL' });
  const net = e.asset(org, 'network', 'Office network and internet', 'Network');
  e.network(net, 0.1);
  const ehr = e.asset(org, 'ehr', 'Practice EHR and practice management', 'EHR');
  e.service(ehr, 'ambulatory-ehr');
  e.dep(ehr, net);
  const visits = clinicians * 20;
  const amb = e.workflow(org, P.ambulatory, visits);
  e.dep(amb, ehr);
  e.claimsAndEligibility(org, ehr, visits * 1.1, 0.1);
  if (rng.chance(0.9)) {
    const erx = e.workflow(org, P.eprescribing, visits * 0.6);
    e.dep(erx, ehr);
    e.service(erx, 'erx');
  }
  if (rng.chance(0.7)) {
    const lab = e.workflow(org, P.lab, visits * 0.3, 'Lab testing (send-out)');
    e.provider(lab, 'lab', P.lab.code);
    e.dep(lab, ehr, { strength: 0.5 });
    if (rng.chance(0.3)) e.service(lab, 'courier');
  }
}

function dialysis(e: OrgEmitter): void {
  const { rng } = e;
  const stations = rng.int(12, 32);
  const org = e.org('dialysis', { size: stations >= 24 ? 'MEDIUM' : 'SMALL' });
  const net = e.asset(org, 'network', 'Clinic network', 'Network');
  e.network(net, 0.2);
  const machines = e.asset(org, 'dialysis-machines', 'Dialysis machines', 'Medical device fleet');
  e.power(machines);
  const water = e.asset(org, 'water-treatment', 'Water treatment system', 'Water treatment');
  e.service(water, 'water');
  e.service(water, 'power');
  const ehr = e.asset(org, 'ehr', 'Dialysis EHR', 'EHR');
  e.service(ehr, 'dialysis-ehr');
  e.dep(ehr, net);
  const treatments = stations * 2.5;
  const d = e.workflow(org, P.dialysis, treatments);
  e.dep(d, machines);
  e.dep(d, water);
  e.service(d, 'dialysate', 0.1);
  e.dep(d, ehr, { strength: 0.3 });
  e.claimsAndEligibility(org, ehr, treatments, 0.1);
}

function pharmacy(e: OrgEmitter): void {
  const { rng } = e;
  const rx = rng.int(90, 450);
  const org = e.org('pharmacy', { size: 'SMALL' });
  const pms = e.asset(org, 'pharmacy-system', 'Pharmacy management system', 'Pharmacy system');
  e.service(pms, 'pms');
  e.service(pms, 'telecom');
  const disp = e.workflow(org, P.dispensing, rx);
  e.dep(disp, pms);
  e.service(disp, 'rx-switch', 0.25, 'rx-switch');
  e.provider(disp, 'distributor', P.distribution.code, 0.1, 'wholesaler');
  const erx = e.workflow(org, P.eprescribing, rx * 0.8, 'E-prescription intake');
  e.dep(erx, pms);
  e.service(erx, 'erx');
}

function pbm(e: OrgEmitter): void {
  const org = e.org('pbm', { size: 'LARGE' });
  const platform = e.asset(
    org,
    'adjudication-platform',
    'Pharmacy claims adjudication platform',
    'Claims platform',
  );
  e.service(platform, 'cloud-region', 0.3, 'cloud-region');
  const pr = e.plan.providers.get('pbm') as Provider;
  // Volume follows popularity, so the PBM volumes have the Zipf shape of the payers' choices.
  const share = pr.zipf.share(e.index - pr.start);
  const wf = e.workflow(org, P.pbmAdjudication, 50_000 * share * pr.count);
  e.dep(wf, platform);
}

function bloodCenter(e: OrgEmitter): void {
  const org = e.org('blood-center', { size: 'LARGE' });
  const net = e.asset(org, 'network', 'Network and data centre', 'Network');
  e.network(net, 0.8);
  const gen = e.generators(org);
  e.power(net, gen);
  const becs = e.asset(org, 'becs', 'Blood establishment computer system', 'BECS');
  e.service(becs, 'becs');
  e.dep(becs, net);
  const cold = e.asset(org, 'cold-storage', 'Blood storage refrigeration', 'Cold chain');
  e.power(cold, gen);
  const fleet = e.asset(org, 'delivery-fleet', 'Delivery vans', 'Vehicle fleet');
  e.service(fleet, 'fuel');
  const units = e.rng.int(150, 1200);
  const collection = e.workflow(org, P.bloodCollection, units * 1.1);
  e.dep(collection, becs);
  e.service(collection, 'reagents');
  const dist = e.workflow(org, P.bloodDistribution, units);
  e.dep(dist, becs);
  e.dep(dist, cold);
  e.dep(dist, collection, { strength: 0.5 });
  e.dep(dist, fleet, { group: 'delivery' });
  e.contract(dist, e.plan.serviceId(e.pickService('courier')), { group: 'delivery' });
}

function lab(e: OrgEmitter): void {
  const { rng } = e;
  const tests = rng.int(400, 22_000);
  const org = e.org('lab', { size: tests > 5_000 ? 'LARGE' : tests > 1_000 ? 'MEDIUM' : 'SMALL' });
  const net = e.asset(org, 'network', 'Laboratory network', 'Network');
  e.network(net, tests > 5_000 ? 0.8 : 0.2);
  const lis = e.asset(org, 'lis', 'Laboratory information system', 'LIS');
  if (rng.chance(0.4)) e.service(lis, 'lis');
  else e.dep(lis, net);
  const analysers = e.asset(org, 'analysers', 'Laboratory analysers', 'Medical device fleet');
  e.service(analysers, 'power');
  const wf = e.workflow(org, P.lab, tests);
  e.dep(wf, lis);
  e.dep(wf, analysers);
  e.service(wf, 'reagents', 0.15);
  if (rng.chance(0.6)) e.service(wf, 'courier', 0, 'courier', { strength: 0.6 });
  e.claimsAndEligibility(org, lis, tests / 3, 0.15);
}

function distributor(e: OrgEmitter): void {
  const org = e.org('distributor', { size: 'LARGE' });
  const dc = e.asset(org, 'distribution-centre', 'Distribution centre', 'Warehouse');
  e.network(dc, 0.6);
  e.power(dc, e.generators(org));
  const wms = e.asset(org, 'wms', 'Warehouse management system', 'WMS');
  if (e.rng.chance(0.6)) e.service(wms, 'erp');
  else e.dep(wms, dc);
  const wf = e.workflow(org, P.distribution, e.rng.int(10_000, 60_000));
  e.dep(wf, wms);
  e.dep(wf, dc);
  e.service(wf, 'fuel', 0, 'fuel', { strength: 0.3 });
  // Wholesalers depend on a few manufacturers' output (a small share each).
  for (let i = 0; i < 2; i++) {
    const m = e.pickProvider('manufacturer', P.manufacturing.code);
    e.contract(wf, m, { strength: 0.1 });
  }
}

function manufacturer(e: OrgEmitter): void {
  const org = e.org('manufacturer', { size: e.rng.pick(['SMALL', 'MEDIUM', 'LARGE'] as const) });
  const net = e.asset(org, 'network', 'Plant network', 'Network');
  e.network(net, 0.5);
  const ics = e.asset(org, 'process-control', 'Process control system', 'Industrial control system');
  e.service(ics, 'power');
  e.dep(ics, net);
  const erp = e.asset(org, 'erp', 'ERP and MES', 'ERP');
  if (e.rng.chance(0.6)) e.service(erp, 'erp');
  else e.dep(erp, net);
  const wf = e.workflow(org, P.manufacturing, e.rng.int(1_000, 1_500_000));
  e.dep(wf, ics);
  e.dep(wf, erp, { strength: 0.5 });
  e.service(wf, 'raw-materials', 0.2);
}

function payer(e: OrgEmitter): void {
  const { rng } = e;
  const members = rng.int(20_000, 1_000_000);
  const org = e.org('payer', {
    size: members >= 400_000 ? 'LARGE' : members >= 150_000 ? 'MEDIUM' : 'SMALL',
  });
  const dc = e.asset(org, 'data-centre', 'Data centre', 'Data centre');
  e.network(dc, 0.7);
  e.power(dc, e.generators(org));
  const core = e.asset(org, 'core-admin', 'Core administrative processing system', 'Claims platform');
  if (rng.chance(0.75)) {
    e.service(core, 'payer-core');
    e.dep(core, dc, { strength: 0.5 });
  } else {
    e.dep(core, dc);
  }
  const claims = e.claimsAndEligibility(org, core, members * 0.0356, 0.1);
  e.service(claims, 'bank');
  if (rng.chance(0.9)) {
    const wf = e.workflow(org, P.pharmacyBenefit, (members * 12) / 365);
    e.provider(wf, 'pbm', P.pbmAdjudication.code);
    e.dep(wf, core, { strength: 0.5 });
  }
}

function publicHealth(e: OrgEmitter): void {
  const org = e.org('public-health', { size: 'MEDIUM' });
  const net = e.asset(org, 'network', 'Agency network', 'Network');
  e.network(net, 0.5);
  e.power(net, e.generators(org));
  const surv = e.asset(org, 'surveillance-system', 'Disease surveillance system', 'Surveillance system');
  e.service(surv, 'ph-software');
  const s = e.workflow(org, P.surveillance, e.rng.int(100, 2_000));
  e.dep(s, surv);
  e.provider(s, 'hie', P.hie.code);
  const prep = e.workflow(org, P.preparedness, e.rng.int(2, 30));
  e.dep(prep, net);
  e.service(prep, 'wireless');
}

function hie(e: OrgEmitter): void {
  const org = e.org('hie', { size: 'SMALL' });
  const platform = e.asset(org, 'platform', 'HIE platform', 'Interoperability platform');
  e.service(platform, 'interop');
  const wf = e.workflow(org, P.hie, e.rng.int(20_000, 400_000));
  e.dep(wf, platform);
}

function massFatality(e: OrgEmitter): void {
  const org = e.org('mass-fatality', { size: 'SMALL' });
  const morgue = e.asset(org, 'morgue-refrigeration', 'Morgue refrigeration', 'Cold storage');
  e.service(morgue, 'power');
  const wf = e.workflow(org, P.decedent, e.rng.int(2, 40));
  e.dep(wf, morgue);
  e.service(wf, 'vital-records');
}

const BUILD: Record<OrgType, (e: OrgEmitter) => void> = {
  hospital,
  clinic,
  dialysis,
  pharmacy,
  pbm,
  'blood-center': bloodCenter,
  lab,
  distributor,
  manufacturer,
  payer,
  'public-health': publicHealth,
  hie,
  'mass-fatality': massFatality,
};

// ------------------------------------------------------------------------------------------------
// Suppliers and services

const SOFTWARE_TIER1_EXCLUDED = new Set([
  'iv',
  'dialysate',
  'reagents',
  'raw-materials',
  'blood-supplier',
  'courier',
]);

function supplierRow(plan: Plan, j: number): GeneratedRow {
  const c = plan.categories[plan.supplierCategory[j] as number] as Category;
  const rng = new Rng(hashSeed(plan.seed, TAG_SUPPLIER, j));
  const name =
    c.spec.key === 'component'
      ? `${word(rng).toLowerCase()}lib ${c.spec.suffix[0]}`
      : `${word(rng)} ${rng.pick(c.spec.suffix)}`;
  return {
    table: 'suppliers',
    row: compactRow({
      id: plan.supplierId(j),
      name,
      category: c.spec.label,
      country:
        c.spec.key === 'component'
          ? undefined
          : rng.chance(0.9)
            ? 'US'
            : rng.pick(['DE', 'IE', 'IN', 'IL', 'GB']),
      securityRating: c.spec.key === 'component' || rng.chance(0.15) ? undefined : rng.int(45, 95),
    }),
  };
}

function* serviceRows(plan: Plan, k: number): Generator<GeneratedRow> {
  const rng = new Rng(hashSeed(plan.seed, TAG_SERVICE, k));
  const j = plan.serviceSupplier[k] as number;
  const r = plan.serviceRole[k] as Role;
  const extra = plan.serviceExtra[k] as number;
  const supplierName = supplierRow(plan, j).row as { name: string };
  const id = plan.serviceId(k);
  yield {
    table: 'services',
    row: {
      id,
      name: `${supplierName.name} ${r.spec.label}${extra ? ` ${extra + 1}` : ''}`,
      supplierId: plan.supplierId(j),
      type: r.spec.type,
      category: r.spec.label,
      region: r.category.spec.tier === 0 ? rng.pick(['US-East', 'US-Central', 'US-West']) : 'US',
    },
  };
  // Fourth parties.
  const e = new OrgEmitter(plan, rng, k);
  const vendor = (to: string, extraOpts: Omit<DependencyRow, 'from' | 'to'> = {}) => {
    const source = rng.pick(VENDOR_SOURCES);
    e.dep(id, to, { source, confidence: rng.real(0.5, 0.95), ...extraOpts });
  };
  const key = r.spec.key;
  const tier = r.category.spec.tier;
  const cloud = (alt: number) => {
    const a = plan.serviceId(e.pickService('cloud-region'));
    if (rng.chance(alt)) {
      const b = plan.serviceId(e.pickService('cloud-region'));
      if (b !== a) {
        vendor(a, { group: 'cloud-region' });
        vendor(b, { group: 'cloud-region' });
        return;
      }
    }
    vendor(a);
  };
  if (key === 'identity' || key === 'endpoint') {
    cloud(0.5);
  } else if (tier === 1 && !SOFTWARE_TIER1_EXCLUDED.has(key)) {
    cloud(0.15);
    if (rng.chance(0.7)) vendor(plan.serviceId(e.pickService('identity')));
    if (rng.chance(0.6)) vendor(plan.serviceId(e.pickService('endpoint')));
    if (rng.chance(0.25)) {
      const comp = plan.componentCategory;
      vendor(plan.supplierId(comp.supplierStart + plan.componentZipf.sample(rng)), {
        source: 'SBOM',
        confidence: 0.95,
      });
    }
  } else if (key === 'iv' || key === 'dialysate' || key === 'reagents') {
    if (rng.chance(0.7))
      vendor(e.pickProvider('manufacturer', P.manufacturing.code), { notes: 'production plant' });
    if (rng.chance(0.5)) vendor(plan.serviceId(e.pickService('erp')));
  } else if (key === 'courier') {
    vendor(plan.serviceId(e.pickService('fuel')));
  } else if (key === 'blood-supplier') {
    vendor(plan.serviceId(e.pickService('becs')));
  }
  for (const row of e.rows) yield row;
}

// ------------------------------------------------------------------------------------------------
// Public API

/** The rows of the generated ecosystem, one at a time, in a deterministic order. */
export function* generateRows(opts: GenerateOptions): Generator<GeneratedRow> {
  const plan = new Plan(opts);
  let entities = 0;
  for (const cf of CRITICAL_FUNCTIONS) {
    yield { table: 'criticalFunctions', row: { ...cf } as CriticalFunctionRow };
    entities++;
  }
  for (let j = 0; j < plan.nSuppliers; j++) {
    yield supplierRow(plan, j);
    entities++;
  }
  for (let k = 0; k < plan.nServices; k++) {
    yield* serviceRows(plan, k);
    entities++;
  }
  // Providers (all of them), then consumers until the target is reached.
  const consumerWeights = CONSUMERS.map(([, w]) => w);
  for (let i = 0; i < plan.nProviders || entities < plan.target; i++) {
    const rng = new Rng(hashSeed(plan.seed, TAG_ORG, i));
    const type: OrgType =
      plan.providerType(i) ?? (CONSUMERS[rng.weighted(consumerWeights)]?.[0] as ConsumerType);
    const e = new OrgEmitter(plan, rng, i);
    BUILD[type](e);
    yield* e.rows;
    entities += e.entities;
  }
}

/** The generated ecosystem as a Template (deterministic for a given seed). */
export function generateEcosystem(opts: GenerateOptions): Template {
  const t = emptyTemplate();
  for (const r of generateRows(opts)) (t[r.table] as unknown[]).push(r.row);
  return t;
}
