// The demo ecosystem: one invented US region ("Northbridge", about 4 million people
// in six counties where Ohio, Pennsylvania and West Virginia meet) with about 300
// health-sector organisations and the third parties they depend on. Names are invented; the concentrations follow public figures
// (see demo/README.md). Deterministic: the same Template on every call.
import type { OrganizationRow, OrganizationSize, Template } from '@smart/domain';
import { Deck, type DepOptions, slug, TemplateBuilder } from './builder';
import { DEMO_SERVICE_DEPS, DEMO_SUPPLIERS } from './demo-catalog';
import { Rng } from './prng';
import { CRITICAL_FUNCTIONS, WORKFLOW_PROFILES as P } from './profiles';

export const DEMO_REGION = 'Northbridge';
const DEMO_SEED = 20251001;

type County = 'Harbor' | 'Lakeshore' | 'Pine Ridge' | 'Riverbend' | 'Summit' | 'Prairie';
const COUNTIES: readonly County[] = ['Harbor', 'Lakeshore', 'Pine Ridge', 'Riverbend', 'Summit', 'Prairie'];
/** The state each county lies in: organizations' regions name it, so the impact map can place them. */
const COUNTY_STATE: Record<County, string> = {
  Harbor: 'OH',
  Lakeshore: 'OH',
  Prairie: 'OH',
  'Pine Ridge': 'PA',
  Summit: 'PA',
  Riverbend: 'WV',
};
const region = (c: County) => `${c} County, ${COUNTY_STATE[c]}`;

const TOWNS: Record<County, readonly string[]> = {
  Harbor: ['Harbor City', 'Ashford', 'Bellmont', 'Eastlake', 'Westbrook', 'Glenwood', 'Bayview'],
  Lakeshore: ['Fairhaven', 'Cedar Falls', 'North Shore', 'Kestrel Bay', 'Pelican Point', 'Vista Bay'],
  'Pine Ridge': ['Elk Ridge', 'Hollis', 'Timberline', 'Maple Hill', 'Glenrock', 'North Fork'],
  Riverbend: ['Dunmore', 'Oxbow', 'Redwater', 'Riverside', 'Union Valley', 'Lindale'],
  Summit: ['Iron Springs', 'Juniper', 'Quarry Hill', 'Stonebridge', 'Silver Lake', 'Zion Hill'],
  Prairie: ['Wheaton Plains', 'Jasper', 'Willow Creek', 'Yarrow Point', 'Oakmont', 'Clearview'],
};
/** Towns weighted towards the metro core (Harbor and Lakeshore counties). */
const COUNTY_WEIGHTS = [0.34, 0.22, 0.1, 0.14, 0.12, 0.08];

/** 1234567 → "1,234,567" (no locale data involved, so the output is the same everywhere). */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const sizeOf = (beds: number): OrganizationSize => (beds < 100 ? 'SMALL' : beds < 300 ? 'MEDIUM' : 'LARGE');

const CONTRACT: DepOptions = { source: 'CONTRACT', confidence: 1 };
const contract = (extra: DepOptions = {}): DepOptions => ({ ...CONTRACT, ...extra });

// ------------------------------------------------------------------------------------------------
// Acute care: health systems and hospitals

type EhrVendor = 'epoch' | 'cernix' | 'meditrek' | 'trucare' | 'altavia' | 'medharbor';

const EHR: Record<EhrVendor, { supplier: string; product: string; hosting: string; hostedShare: number }> = {
  epoch: {
    supplier: 'sup-epoch-health-records',
    product: 'Epoch',
    hosting: 'svc-epoch-hosted-ehr',
    hostedShare: 0.35,
  },
  cernix: {
    supplier: 'sup-cernix-health',
    product: 'Cernix',
    hosting: 'svc-cernix-remote-hosting',
    hostedShare: 0.7,
  },
  meditrek: {
    supplier: 'sup-meditrek-systems',
    product: 'Meditrek',
    hosting: 'svc-meditrek-cloud-ehr',
    hostedShare: 0.5,
  },
  trucare: {
    supplier: 'sup-trucare-systems',
    product: 'TruCare',
    hosting: 'svc-trucare-hosted-ehr',
    hostedShare: 0.7,
  },
  altavia: {
    supplier: 'sup-altavia-clinical',
    product: 'Altavia',
    hosting: 'svc-altavia-hosted-ehr',
    hostedShare: 0.5,
  },
  medharbor: {
    supplier: 'sup-medharbor-software',
    product: 'MedHarbor',
    hosting: 'svc-medharbor-hosted-ehr',
    hostedShare: 0.8,
  },
};

interface SystemSpec {
  name: string;
  county: County;
  vendor: EhrVendor;
  /** true: the system's instance is vendor-hosted; false: in the system's data centre. */
  hosted: boolean;
  notes: string;
  hospitals: [name: string, beds: number, county: County, note?: string][];
}

const SYSTEMS: SystemSpec[] = [
  {
    name: 'Harbor Health System',
    county: 'Harbor',
    vendor: 'epoch',
    hosted: false,
    notes: 'Academic health system; one Epoch instance in its own data centre for all member hospitals.',
    hospitals: [
      ['Harbor University Medical Center', 980, 'Harbor', 'academic medical centre, level I trauma'],
      ['Harbor Health Eastside Hospital', 320, 'Harbor'],
      ['Harbor Health Westport Hospital', 240, 'Harbor'],
      ['Harbor Health Bayview Hospital', 180, 'Harbor'],
      ['Harbor Health Ashford Community Hospital', 110, 'Harbor'],
      ['Harbor Health Glenwood Hospital', 85, 'Harbor'],
    ],
  },
  {
    name: 'Saint Brendan Health',
    county: 'Lakeshore',
    vendor: 'epoch',
    hosted: true,
    notes: 'Faith-based system; vendor-hosted Epoch.',
    hospitals: [
      ['St. Brendan Medical Center', 540, 'Lakeshore', 'level II trauma'],
      ['St. Brendan Lakeshore Hospital', 260, 'Lakeshore'],
      ['St. Agnes Hospital', 190, 'Harbor'],
      ['St. Columba Hospital', 140, 'Riverbend'],
      ['Mercy Point Hospital', 95, 'Lakeshore'],
    ],
  },
  {
    name: 'Lakeshore Health Partners',
    county: 'Lakeshore',
    vendor: 'cernix',
    hosted: true,
    notes: 'Regional system on Cernix Remote Hosting.',
    hospitals: [
      ['Lakeshore Regional Medical Center', 410, 'Lakeshore', 'level II trauma'],
      ['Lakeshore North Hospital', 150, 'Lakeshore'],
      ['Fairhaven Hospital', 120, 'Lakeshore'],
      ['Cedar Falls Hospital', 60, 'Lakeshore'],
    ],
  },
  {
    name: 'Pine Ridge Regional Health',
    county: 'Pine Ridge',
    vendor: 'meditrek',
    hosted: true,
    notes: 'Rural system on Meditrek Cloud.',
    hospitals: [
      ['Pine Ridge Regional Medical Center', 280, 'Pine Ridge'],
      ['Elk Ridge Hospital', 45, 'Pine Ridge'],
      ['Hollis Valley Hospital', 25, 'Pine Ridge', 'critical access hospital'],
    ],
  },
  {
    name: 'Summit Valley Health',
    county: 'Summit',
    vendor: 'epoch',
    hosted: true,
    notes: 'Vendor-hosted Epoch.',
    hospitals: [
      ['Summit Valley Medical Center', 300, 'Summit'],
      ['Iron Springs Hospital', 70, 'Summit'],
      ['Juniper Hospital', 22, 'Summit', 'critical access hospital'],
    ],
  },
  {
    name: 'Riverbend Health Alliance',
    county: 'Riverbend',
    vendor: 'cernix',
    hosted: false,
    notes: 'Cernix instance in the system data centre.',
    hospitals: [
      ['Riverbend Memorial Hospital', 350, 'Riverbend'],
      ['Dunmore Community Hospital', 90, 'Riverbend'],
      ['Oxbow Hospital', 40, 'Riverbend'],
    ],
  },
  {
    name: 'Prairie Community Health Network',
    county: 'Prairie',
    vendor: 'meditrek',
    hosted: false,
    notes: 'Meditrek instance in the network data centre.',
    hospitals: [
      ['Prairie General Hospital', 160, 'Prairie'],
      ['Wheaton Plains Hospital', 25, 'Prairie', 'critical access hospital'],
    ],
  },
  {
    name: "Northbridge Children's Health",
    county: 'Harbor',
    vendor: 'epoch',
    hosted: false,
    notes: "The region's children's hospital system.",
    hospitals: [["Northbridge Children's Hospital", 250, 'Harbor', "children's hospital"]],
  },
];

/** Independent hospitals: name, beds, county, EHR vendor. */
const INDEPENDENT_HOSPITALS: [string, number, County, EhrVendor][] = [
  ['Harbor City Public Hospital', 420, 'Harbor', 'epoch'],
  ['North Shore Medical Center', 340, 'Lakeshore', 'epoch'],
  ['Hawthorne Medical Center', 260, 'Prairie', 'epoch'],
  ['Eastlake Medical Center', 230, 'Harbor', 'epoch'],
  ['Stonebridge Medical Center', 220, 'Summit', 'epoch'],
  ['Bellmont Memorial Hospital', 210, 'Harbor', 'epoch'],
  ['Redwater Regional Medical Center', 200, 'Riverbend', 'epoch'],
  ['Vista Bay Medical Center', 190, 'Lakeshore', 'epoch'],
  ['Fairview Regional Hospital', 175, 'Riverbend', 'epoch'],
  ['Bellmont Heart and Vascular Hospital', 80, 'Harbor', 'epoch'],
  ['Northbridge Veterans Medical Center', 300, 'Harbor', 'cernix'],
  ['Oakmont Hospital', 150, 'Prairie', 'cernix'],
  ['Westbrook General Hospital', 120, 'Harbor', 'cernix'],
  ['Lindale General Hospital', 110, 'Riverbend', 'cernix'],
  ['Riverside Community Hospital', 100, 'Riverbend', 'cernix'],
  ['Kestrel Bay Hospital', 90, 'Lakeshore', 'cernix'],
  ['Harbor City Surgical Hospital', 40, 'Harbor', 'cernix'],
  ['Ashford General Hospital', 130, 'Harbor', 'meditrek'],
  ['Silver Lake Hospital', 75, 'Summit', 'meditrek'],
  ['Clearview Hospital', 65, 'Prairie', 'meditrek'],
  ['Pelican Point Hospital', 60, 'Lakeshore', 'meditrek'],
  ['Cedar Grove Community Hospital', 48, 'Pine Ridge', 'trucare'],
  ['Dunmore Valley Hospital', 25, 'Riverbend', 'trucare'],
  ['Glenrock Hospital', 25, 'Pine Ridge', 'trucare'],
  ['Jasper County Hospital', 25, 'Prairie', 'trucare'],
  ['Maple Hill Hospital', 25, 'Pine Ridge', 'trucare'],
  ['Timberline Community Hospital', 25, 'Pine Ridge', 'trucare'],
  ['Union Valley Hospital', 55, 'Riverbend', 'altavia'],
  ['Willow Creek Hospital', 40, 'Prairie', 'altavia'],
  ['Ironwood Community Hospital', 35, 'Summit', 'altavia'],
  ['Zion Hill Hospital', 30, 'Summit', 'altavia'],
  ['Quarry Hill Hospital', 25, 'Summit', 'medharbor'],
  ['Yarrow Point Hospital', 25, 'Prairie', 'medharbor'],
];

const TELECOM_WAN = ['svc-meridian-fiber-wan', 'svc-northstar-mpls', 'svc-cascade-metro-ethernet'] as const;
const OFFICE_INTERNET = [
  'svc-meridian-internet',
  'svc-cascade-metro-ethernet',
  'svc-northstar-mpls',
] as const;

const CLEARINGHOUSES = {
  one: { claims: 'svc-clearhouse-one-claims', eligibility: 'svc-clearhouse-one-eligibility' },
  availpoint: { claims: 'svc-availpoint-claims', eligibility: 'svc-availpoint-eligibility' },
  wayfare: { claims: 'svc-wayfare-claims', eligibility: 'svc-wayfare-eligibility' },
  trizenith: { claims: 'svc-trizenith-claims', eligibility: 'svc-trizenith-eligibility' },
} as const;
type Clearinghouse = keyof typeof CLEARINGHOUSES;

const DRUG_DISTRIBUTORS = [
  'org-kessler-harbor-dc',
  'org-cardell-lakeshore-dc',
  'org-centara-riverbend-dc',
] as const;
const MEDSURG_DISTRIBUTORS = ['org-medaline-harbor-dc', 'org-ovation-summit-dc'];
const BLOOD_CENTER = 'org-northbridge-regional-blood-center';
const BLOOD_CENTER_WF = `wf-northbridge-regional-blood-center-${P.bloodDistribution.code}`;
const NBN_SUPPLY = 'svc-national-blood-network-supply';
const IV_SERVICES = {
  northFork: 'svc-clearwater-north-fork-iv',
  vireo: 'svc-vireo-iv-solutions',
  brannock: 'svc-brannock-iv-solutions',
} as const;
type IvSource = keyof typeof IV_SERVICES;

/** Counts that the decks below are sized for; checked at the end. */
const N_CLINICS = 95;
const N_DIALYSIS = 25;
const N_LABS = 12;
const N_PAYERS = 12;
const N_HOSPITALS = SYSTEMS.reduce((n, s) => n + s.hospitals.length, 0) + INDEPENDENT_HOSPITALS.length;

class Demo {
  readonly b = new TemplateBuilder();
  readonly rng = new Rng(DEMO_SEED);
  /** Primary clearinghouse of every claims workflow: exact 50 / 22 / 18 / 10 split. */
  readonly clearinghouses = new Deck<Clearinghouse>(
    this.rng,
    N_HOSPITALS + N_CLINICS + N_DIALYSIS + N_LABS + N_PAYERS,
    [
      ['one', 50],
      ['availpoint', 22],
      ['wayfare', 18],
      ['trizenith', 10],
    ],
  );
  readonly ivSources = new Deck<IvSource>(this.rng, N_HOSPITALS, [
    ['northFork', 60],
    ['vireo', 25],
    ['brannock', 15],
  ]);
  readonly bloodPrimary = new Deck<'center' | 'nbn'>(this.rng, N_HOSPITALS, [
    ['center', 85],
    ['nbn', 15],
  ]);
  /** Blood units per day routed to each supplier (for the blood centre's volume). */
  bloodUnitsToCenter = 0;
  /** Reference labs and their share of clinic send-outs. */
  referenceLabs: [string, number][] = [];

  run(): Template {
    for (const cf of CRITICAL_FUNCTIONS) this.b.criticalFunction(cf);
    this.suppliers();
    // Providers first: consumers reference their workflows.
    this.manufacturers();
    this.distributors();
    this.labs();
    this.pbmsAndPayers();
    this.publicSector();
    for (const s of SYSTEMS) this.system(s);
    for (const [name, beds, county, vendor] of INDEPENDENT_HOSPITALS) {
      this.hospital({ name, beds, county, vendor, hosted: this.rng.chance(EHR[vendor].hostedShare) });
    }
    this.clinics();
    this.dialysis();
    this.pharmacies();
    this.bloodCenter();
    for (const deck of [this.clearinghouses, this.ivSources, this.bloodPrimary]) {
      if (deck.remaining !== 0) throw new Error('demo deck not fully used');
    }
    return this.b.t;
  }

  // --- helpers ----------------------------------------------------------------------------------

  org(row: Omit<OrganizationRow, 'id'> & { id?: string }): string {
    return this.b.organization({ ...row, id: row.id ?? `org-${slug(row.name)}` });
  }

  asset(orgId: string, code: string, name: string, type: string, notes?: string): string {
    const id = `asset-${orgId.replace(/^org-/, '')}-${code}`;
    return this.b.asset({ id, name, organizationId: orgId, type, notes });
  }

  /** A site's network: one carrier, or two diverse carriers as alternatives (group "wan"). */
  network(assetId: string, dualShare: number, carriers: readonly string[] = TELECOM_WAN): void {
    const first = this.rng.pick(carriers);
    if (this.rng.chance(dualShare)) {
      const second = this.rng.pick(carriers.filter((c) => c !== first));
      this.b.dep(assetId, first, contract({ group: 'wan', notes: 'diverse carrier circuits' }));
      this.b.dep(assetId, second, contract({ group: 'wan', notes: 'diverse carrier circuits' }));
    } else {
      this.b.dep(assetId, first, CONTRACT);
    }
  }

  /** Utility power backed by the site's own generators (alternatives in group "power"). */
  power(assetId: string, generatorAsset?: string): void {
    if (!generatorAsset) {
      this.b.dep(assetId, 'svc-tri-county-electric', CONTRACT);
      return;
    }
    this.b.dep(assetId, 'svc-tri-county-electric', contract({ group: 'power' }));
    this.b.dep(assetId, generatorAsset, { group: 'power', notes: 'on-site emergency generators' });
  }

  /** Remote administration by a managed-service provider (a Kaseya-style single point). */
  managedIt(assetId: string, share: number): void {
    if (!this.rng.chance(share)) return;
    const msp = this.rng.chance(0.65) ? 'svc-northbridge-managed-it-rmm' : 'svc-clinicit-managed-it';
    this.b.dep(assetId, msp, contract({ notes: 'remote administration by a managed-service provider' }));
  }

  generators(orgId: string): string {
    const id = this.asset(
      orgId,
      'generators',
      'Emergency generators',
      'Emergency power',
      'on-site fuel for about three days is not modelled (assets have no tolerance)',
    );
    this.b.dep(id, 'svc-summit-diesel-delivery', CONTRACT);
    return id;
  }

  claimsAndEligibility(orgId: string, system: string, claimsVolume: number, backupShare: number): void {
    const primary = this.clearinghouses.draw();
    // Contracted backups are never the dominant clearinghouse: it is the one customers fled from.
    const backup = this.rng.chance(backupShare)
      ? this.rng.pick(
          (Object.keys(CLEARINGHOUSES) as Clearinghouse[]).filter((c) => c !== primary && c !== 'one'),
        )
      : undefined;
    const claims = this.b.workflowFromProfile(this.rng, orgId, P.claims, claimsVolume);
    const elig = this.b.workflowFromProfile(this.rng, orgId, P.eligibility, claimsVolume * 0.35);
    for (const [wf, kind] of [
      [claims, 'claims'],
      [elig, 'eligibility'],
    ] as const) {
      this.b.dep(wf, system);
      const group = backup ? 'clearinghouse' : undefined;
      this.b.dep(wf, CLEARINGHOUSES[primary][kind], contract({ group }));
      if (backup) {
        this.b.dep(
          wf,
          CLEARINGHOUSES[backup][kind],
          contract({ group, notes: 'contracted backup clearinghouse' }),
        );
      }
    }
  }

  // --- suppliers ----------------------------------------------------------------------------------

  suppliers(): void {
    for (const s of DEMO_SUPPLIERS) {
      this.b.supplier({
        id: s.id,
        name: s.name,
        category: s.category,
        country: s.country,
        securityRating: s.securityRating,
        notes: s.notes,
      });
    }
    for (const s of DEMO_SUPPLIERS) {
      for (const v of s.services) this.b.service({ ...v, supplierId: s.id });
    }
    for (const d of DEMO_SERVICE_DEPS) {
      const { from, to, ...opts } = d;
      this.b.dep(from, to, opts);
    }
  }

  // --- manufacturing and distribution ---------------------------------------------------------------

  manufacturer(
    name: string,
    type: string,
    county: County,
    output: [volume: number, unit: string],
    fn: 'cf-manufacture-pharma' | 'cf-manufacture-devices',
    extra: { id?: string; inputs?: string[]; notes?: string; size?: OrganizationSize } = {},
  ): string {
    const orgId = this.org({
      id: extra.id,
      name,
      subsector: 'MEDICAL_MATERIALS_DEVICES',
      type,
      region: region(county),
      size: extra.size ?? 'MEDIUM',
      notes: extra.notes,
    });
    const ics = this.asset(orgId, 'process-control', 'Process control system', 'Industrial control system');
    const erp = this.asset(orgId, 'erp', 'ERP and MES', 'ERP');
    const net = this.asset(orgId, 'network', 'Plant network', 'Network');
    this.network(net, 0.5);
    this.power(ics);
    this.b.dep(ics, net);
    this.b.dep(erp, this.rng.chance(0.6) ? 'svc-sapphire-erp-cloud' : net, CONTRACT);
    const wf = this.b.workflowFromProfile(this.rng, orgId, P.manufacturing, output[0], {
      name: `Manufacturing (${output[1]})`,
      functions: [fn],
      volumeUnit: output[1],
    });
    this.b.dep(wf, ics);
    this.b.dep(wf, erp, { strength: 0.5 });
    for (const input of extra.inputs ?? []) this.b.dep(wf, input, CONTRACT);
    return wf;
  }

  manufacturers(): void {
    const northFork = this.manufacturer(
      'Clearwater Infusion Products - North Fork Plant',
      'IV solutions manufacturer',
      'Pine Ridge',
      [1_500_000, 'IV bags'],
      'cf-manufacture-pharma',
      {
        id: 'org-clearwater-north-fork-plant',
        size: 'LARGE',
        notes: "Makes about 60% of the country's IV solutions.",
        inputs: ['svc-gulfport-pvc-film'],
      },
    );
    const waterTreatment = this.asset(
      'org-clearwater-north-fork-plant',
      'water-purification',
      'Water purification (water for injection)',
      'Water treatment',
    );
    this.b.dep(waterTreatment, 'svc-northbridge-water-supply', CONTRACT);
    this.b.dep(northFork, waterTreatment);
    this.b.dep(IV_SERVICES.northFork, northFork, { notes: "the plant's production lines" });

    const reagents = this.manufacturer(
      'Summit Diagnostics - Iron Springs Reagent Plant',
      'Diagnostics manufacturer',
      'Summit',
      [40_000, 'reagent kits'],
      'cf-manufacture-pharma',
      { id: 'org-summit-diagnostics-reagent-plant' },
    );
    this.b.dep('svc-summit-reagents', reagents, { notes: "the plant's production lines" });

    this.manufacturer(
      'Pinecrest Medical Devices',
      'Medical device manufacturer',
      'Pine Ridge',
      [900, 'infusion pumps'],
      'cf-manufacture-devices',
    );
    this.manufacturer(
      'Lakeshore Surgical Products',
      'Medical-surgical supplies manufacturer',
      'Lakeshore',
      [2_000_000, 'gloves and gowns'],
      'cf-manufacture-devices',
    );
    this.manufacturer(
      'Harbor Biologics',
      'Pharmaceutical manufacturer',
      'Harbor',
      [250_000, 'vaccine doses'],
      'cf-manufacture-pharma',
    );
    this.manufacturer(
      'Redwater Generics',
      'Generic drug manufacturer',
      'Riverbend',
      [600_000, 'sterile injectable vials'],
      'cf-manufacture-pharma',
    );
    this.manufacturer(
      'Bellmont Orthopedic Implants',
      'Medical device manufacturer',
      'Harbor',
      [3_000, 'implants'],
      'cf-manufacture-devices',
      { size: 'SMALL' },
    );
    this.manufacturer(
      'Summit Sterilization Services',
      'Contract sterilizer',
      'Summit',
      [120_000, 'devices sterilized'],
      'cf-manufacture-devices',
      { size: 'SMALL', notes: 'Ethylene-oxide sterilization for device makers.' },
    );
  }

  distributors(): void {
    const specs: [string, string, string, County, number][] = [
      [
        'org-kessler-harbor-dc',
        'Kessler Drug Distribution - Harbor DC',
        'Pharmaceutical wholesaler',
        'Harbor',
        60_000,
      ],
      [
        'org-cardell-lakeshore-dc',
        'Cardell Health - Lakeshore DC',
        'Pharmaceutical wholesaler',
        'Lakeshore',
        45_000,
      ],
      [
        'org-centara-riverbend-dc',
        'Centara Pharma Logistics - Riverbend DC',
        'Pharmaceutical wholesaler',
        'Riverbend',
        38_000,
      ],
      [
        'org-medaline-harbor-dc',
        'Medaline Supply - Harbor DC',
        'Medical-surgical distributor',
        'Harbor',
        30_000,
      ],
      [
        'org-ovation-summit-dc',
        'Ovation Medical Distribution - Summit DC',
        'Medical-surgical distributor',
        'Summit',
        18_000,
      ],
    ];
    for (const [id, name, type, county, lines] of specs) {
      const orgId = this.org({
        id,
        name,
        subsector: 'MEDICAL_MATERIALS_DEVICES',
        type,
        region: region(county),
        size: 'LARGE',
      });
      const dc = this.asset(orgId, 'distribution-centre', 'Distribution centre', 'Warehouse');
      const gen = this.generators(orgId);
      this.network(dc, 0.6);
      this.power(dc, gen);
      const wms = this.asset(orgId, 'wms', 'Warehouse management system', 'WMS');
      this.b.dep(wms, this.rng.chance(0.6) ? 'svc-sapphire-erp-cloud' : dc, CONTRACT);
      const wf = this.b.workflowFromProfile(this.rng, orgId, P.distribution, lines);
      this.b.dep(wf, wms);
      this.b.dep(wf, dc);
      this.b.dep(wf, 'svc-summit-diesel-delivery', contract({ strength: 0.3, notes: 'delivery fleet fuel' }));
    }
  }

  // --- labs ------------------------------------------------------------------------------------------

  labs(): void {
    const specs: [string, County, number, number, string?][] = [
      [
        'QuestMark Diagnostics - Harbor City Regional Laboratory',
        'Harbor',
        22_000,
        0.25,
        'org-questmark-harbor-city',
      ],
      ['QuestMark Diagnostics - Lakeshore Laboratory', 'Lakeshore', 9_000, 0.15, 'org-questmark-lakeshore'],
      ['LabCorev - Riverbend Laboratory', 'Riverbend', 20_000, 0.25, 'org-labcorev-riverbend'],
      ['LabCorev - Summit Laboratory', 'Summit', 8_000, 0.15, 'org-labcorev-summit'],
      ['Northbridge Pathology Associates', 'Harbor', 2_500, 0.04],
      ['Bellmont Reference Laboratory', 'Harbor', 1_800, 0.04],
      ['Pine Ridge Clinical Laboratory', 'Pine Ridge', 900, 0.03],
      ['Prairie Diagnostic Laboratory', 'Prairie', 700, 0.03],
      ['Harbor Genomics', 'Harbor', 400, 0.02],
      ['Clearview Toxicology Laboratory', 'Prairie', 600, 0.02],
      ['Eastlake Clinical Laboratory', 'Harbor', 1_200, 0.01],
      ['Westbrook Molecular Diagnostics', 'Harbor', 500, 0.01],
    ];
    if (specs.length !== N_LABS) throw new Error('lab count');
    for (const [name, county, tests, share, id] of specs) {
      const orgId = this.org({
        id,
        name,
        subsector: 'PHARMA_LABS_BLOOD',
        type: 'Clinical laboratory',
        region: region(county),
        size: tests > 5_000 ? 'LARGE' : tests > 1_000 ? 'MEDIUM' : 'SMALL',
      });
      const net = this.asset(orgId, 'network', 'Laboratory network', 'Network');
      this.network(net, tests > 5_000 ? 0.8 : 0.2);
      const lis = this.asset(orgId, 'lis', 'Laboratory information system', 'LIS');
      this.b.dep(lis, this.rng.chance(0.4) ? 'svc-labsphere-cloud-lis' : net, CONTRACT);
      const analysers = this.asset(orgId, 'analysers', 'Laboratory analysers', 'Medical device fleet');
      this.b.dep(analysers, 'svc-tri-county-electric', CONTRACT);
      const lab = this.b.workflowFromProfile(this.rng, orgId, P.lab, tests);
      this.b.dep(lab, lis);
      this.b.dep(lab, analysers);
      this.b.dep(lab, this.rng.chance(0.4) ? 'svc-summit-reagents' : 'svc-abbotsford-reagents', CONTRACT);
      if (this.rng.chance(0.6))
        this.b.dep(lab, 'svc-rapid-courier', contract({ strength: 0.6, notes: 'specimen pickup' }));
      this.claimsAndEligibility(orgId, lis, tests / 3, 0.15);
      this.referenceLabs.push([lab, share]);
    }
  }

  // --- payers and PBMs ----------------------------------------------------------------------------------

  pbmsAndPayers(): void {
    const pbms: [string, string][] = [
      ['CoreScript Rx', 'svc-nimbus-us-east'],
      ['ExpressPath Pharmacy Benefits', 'svc-azora-east-us'],
      ['OptiRx Solutions', 'svc-nimbus-us-central'],
      ['Aspen Rx Benefits', 'svc-orbital-us-central'],
      ['Cypress Rx', 'svc-azora-central-us'],
      ['Navara Rx', 'svc-nimbus-us-east'],
    ];
    // Payers: name, type, members, prescriptions per member-year (0 = no pharmacy benefit), PBM.
    const payers: [string, string, number, number, number][] = [
      ['Northbridge Blue Health Plan', 'Commercial health plan', 900_000, 11, 0],
      ['Keystone Health Plan', 'Commercial health plan', 520_000, 11, 1],
      ['Unity Care Health Insurance', 'Commercial health plan', 480_000, 11, 2],
      ['Summit Medicare Advantage Plan', 'Medicare Advantage plan', 160_000, 40, 2],
      ['Harbor Community Health Plan', 'Medicaid managed-care plan', 300_000, 13, 1],
      ['Meridian Medicaid Partners', 'Medicaid managed-care plan', 220_000, 13, 0],
      ['Lakeshore Health Cooperative', 'Commercial health plan', 180_000, 11, 3],
      ['Pioneer Health Plan', 'Commercial health plan', 150_000, 11, 4],
      ['Evergreen Benefit Administrators', 'Third-party administrator', 350_000, 10, 1],
      ['Northbridge State Medicaid Program', 'State Medicaid agency', 250_000, 13, 5],
      ['Silverline Senior Health', 'Medicare Advantage plan', 60_000, 40, 3],
      [
        'Jurisdiction 7 Medicare Administrative Contractor',
        'Medicare administrative contractor',
        700_000,
        0,
        -1,
      ],
    ];
    if (payers.length !== N_PAYERS) throw new Error('payer count');
    const rxPerDay = (members: number, perYear: number) => Math.round((members * perYear) / 365);
    const pbmVolume = pbms.map((_, i) =>
      payers.filter((p) => p[4] === i).reduce((s, p) => s + rxPerDay(p[2], p[3]), 0),
    );
    const pbmWorkflows = pbms.map(([name, cloud], i) => {
      const orgId = this.org({
        name,
        subsector: 'HEALTH_PLANS_PAYERS',
        type: 'Pharmacy benefit manager',
        region: `${DEMO_REGION} (national PBM)`,
        size: i < 3 ? 'LARGE' : 'MEDIUM',
      });
      const platform = this.asset(
        orgId,
        'adjudication-platform',
        'Pharmacy claims adjudication platform',
        'Claims platform',
      );
      this.b.dep(platform, cloud, { source: 'QUESTIONNAIRE', confidence: 0.8 });
      return this.b.workflowFromProfile(this.rng, orgId, P.pbmAdjudication, pbmVolume[i] ?? 0, {
        notes: 'volume: prescriptions of Northbridge plan members',
      });
    });

    for (const [name, type, members, rxRate, pbm] of payers) {
      const orgId = this.org({
        name,
        subsector: 'HEALTH_PLANS_PAYERS',
        type,
        region: DEMO_REGION,
        size: members >= 400_000 ? 'LARGE' : members >= 150_000 ? 'MEDIUM' : 'SMALL',
        notes: `about ${thousands(members)} members in the region`,
      });
      const dc = this.asset(orgId, 'data-centre', 'Data centre', 'Data centre');
      this.network(dc, 0.7);
      this.power(dc, this.generators(orgId));
      const core = this.asset(
        orgId,
        'core-admin',
        'Core administrative processing system',
        'Claims platform',
      );
      const vendor = this.rng.weighted([0.45, 0.3, 0.25]);
      this.b.dep(
        core,
        vendor === 0 ? 'svc-facetrix-core-cloud' : vendor === 1 ? 'svc-planedge-core-cloud' : dc,
        CONTRACT,
      );
      if (vendor < 2)
        this.b.dep(core, dc, { strength: 0.5, notes: 'integration and print/mail on premises' });
      this.claimsAndEligibility(orgId, core, members * 0.0356, 0.1);
      const claims = `wf-${orgId.replace(/^org-/, '')}-${P.claims.code}`;
      this.b.dep(
        claims,
        this.rng.chance(0.6) ? 'svc-first-harbor-ach' : 'svc-lakeshore-trust-ach',
        contract({
          notes: 'provider payments (ACH)',
        }),
      );
      if (pbm >= 0) {
        const wf = this.b.workflowFromProfile(this.rng, orgId, P.pharmacyBenefit, rxPerDay(members, rxRate));
        this.b.dep(wf, pbmWorkflows[pbm] as string, contract({ notes: 'carve-in PBM contract' }));
        this.b.dep(wf, core, { strength: 0.5 });
      }
    }
  }

  // --- public health, HIE, mass fatality ---------------------------------------------------------------

  publicSector(): void {
    const hie = this.org({
      name: 'Northbridge Health Information Exchange',
      subsector: 'HEALTH_IT',
      type: 'Health information exchange',
      region: DEMO_REGION,
      size: 'SMALL',
    });
    const platform = this.asset(hie, 'platform', 'HIE platform', 'Interoperability platform');
    this.b.dep(platform, 'svc-orion-hie-platform', CONTRACT);
    const hieWf = this.b.workflowFromProfile(this.rng, hie, P.hie, 180_000);
    this.b.dep(hieWf, platform);

    const ph = this.org({
      name: 'Northbridge Department of Public Health',
      subsector: 'PUBLIC_HEALTH',
      type: 'Public-health agency',
      region: DEMO_REGION,
      size: 'MEDIUM',
    });
    const net = this.asset(ph, 'network', 'Agency network', 'Network');
    this.network(net, 0.5);
    this.power(net, this.generators(ph));
    const surv = this.asset(ph, 'surveillance-system', 'Disease surveillance system', 'Surveillance system');
    this.b.dep(surv, 'svc-civichealth-surveillance', CONTRACT);
    const phLis = this.asset(ph, 'lis', 'Public-health laboratory LIS', 'LIS');
    this.b.dep(phLis, net);
    const s = this.b.workflowFromProfile(this.rng, ph, P.surveillance, 900);
    this.b.dep(s, surv);
    this.b.dep(s, hieWf, { strength: 0.5, notes: 'electronic case reports arrive through the HIE' });
    const prep = this.b.workflowFromProfile(this.rng, ph, P.preparedness, 12);
    this.b.dep(prep, net);
    this.b.dep(prep, 'svc-northstar-wireless', contract({ notes: 'alerting and responder communications' }));
    const phLab = this.b.workflowFromProfile(this.rng, ph, P.lab, 600, {
      name: 'Public-health laboratory testing',
    });
    this.b.dep(phLab, phLis);
    this.b.dep(phLab, 'svc-abbotsford-reagents', CONTRACT);

    const me = this.org({
      name: 'Northbridge Office of the Medical Examiner',
      subsector: 'MASS_FATALITY',
      type: 'Medical examiner',
      region: DEMO_REGION,
      size: 'SMALL',
    });
    const morgue = this.asset(me, 'morgue-refrigeration', 'Morgue refrigeration', 'Cold storage');
    this.power(morgue, this.generators(me));
    const meWf = this.b.workflowFromProfile(this.rng, me, P.decedent, 25);
    this.b.dep(meWf, morgue);
    this.b.dep(meWf, 'svc-vitalnet-edrs', CONTRACT);

    const funeral = this.org({
      name: 'Harbor Funeral and Cremation Services',
      subsector: 'MASS_FATALITY',
      type: 'Funeral home',
      region: region('Harbor'),
      size: 'SMALL',
    });
    const fWf = this.b.workflowFromProfile(this.rng, funeral, P.decedent, 8);
    this.b.dep(fWf, 'svc-vitalnet-edrs', CONTRACT);
  }

  // --- acute care --------------------------------------------------------------------------------------

  system(s: SystemSpec): void {
    const orgId = this.org({
      name: s.name,
      subsector: 'DIRECT_PATIENT_CARE',
      type: 'Health system',
      region: region(s.county),
      size: 'LARGE',
      notes: `${s.notes} ${s.hospitals.length} member hospital(s).`,
    });
    const dc = this.asset(orgId, 'data-centre', 'Enterprise data centre', 'Data centre');
    this.network(dc, 1);
    this.power(dc, this.generators(orgId));
    const erp = this.asset(orgId, 'erp', 'Enterprise ERP and supply chain', 'ERP');
    this.b.dep(erp, 'svc-sapphire-erp-cloud', CONTRACT);
    const totalBeds = s.hospitals.reduce((n, h) => n + h[1], 0);
    const csc = this.b.workflowFromProfile(this.rng, orgId, P.supplies, totalBeds * 0.4, {
      name: 'Consolidated service centre (supply chain)',
    });
    this.b.dep(csc, erp);
    this.distributorDeps(csc, 0.5);
    let ehrInstance: string | undefined;
    if (!s.hosted) {
      const v = EHR[s.vendor];
      ehrInstance = this.asset(
        orgId,
        'ehr-instance',
        `${v.product} enterprise EHR instance`,
        'EHR',
        `vendor ${v.supplier}; on-premises in the system data centre; shared by all member hospitals`,
      );
      this.b.dep(ehrInstance, dc);
    }
    for (const [name, beds, county, note] of s.hospitals) {
      this.hospital({
        name,
        beds,
        county,
        vendor: s.vendor,
        hosted: s.hosted,
        note,
        system: { orgId, dc, csc, ehrInstance },
      });
    }
  }

  distributorDeps(wf: string, altShare: number): void {
    const drug = this.rng.pick(DRUG_DISTRIBUTORS);
    const distWf = (org: string) => `wf-${org.replace(/^org-/, '')}-${P.distribution.code}`;
    if (this.rng.chance(altShare)) {
      const alt = this.rng.pick(DRUG_DISTRIBUTORS.filter((d) => d !== drug));
      this.b.dep(wf, distWf(drug), contract({ group: 'drug-wholesaler' }));
      this.b.dep(wf, distWf(alt), contract({ group: 'drug-wholesaler', notes: 'secondary wholesaler' }));
    } else {
      this.b.dep(wf, distWf(drug), contract());
    }
    this.b.dep(wf, distWf(this.rng.pick(MEDSURG_DISTRIBUTORS)), contract());
  }

  hospital(h: {
    name: string;
    beds: number;
    county: County;
    vendor: EhrVendor;
    hosted: boolean;
    note?: string;
    system?: { orgId: string; dc: string; csc: string; ehrInstance: string | undefined };
  }): void {
    const { rng, b } = this;
    const v = EHR[h.vendor];
    const critical = h.beds <= 25;
    const notes = [
      h.note,
      critical && !h.note?.includes('critical access') ? 'critical access hospital' : undefined,
      h.system ? `member of ${h.system.orgId}` : 'independent',
    ]
      .filter(Boolean)
      .join('; ');
    const orgId = this.org({
      name: h.name,
      subsector: 'DIRECT_PATIENT_CARE',
      type: 'Acute care hospital',
      region: region(h.county),
      size: sizeOf(h.beds),
      beds: h.beds,
      notes,
    });

    // Assets
    const net = this.asset(orgId, 'network', 'Campus network and data centre', 'Network and data centre');
    this.network(net, h.beds >= 100 ? 0.7 : 0.25);
    this.power(net, this.generators(orgId));
    if (h.system)
      b.dep(net, h.system.dc, { strength: 0.5, notes: 'shared services in the system data centre' });
    const directory = this.asset(
      orgId,
      'directory',
      'Directory and identity services (on-premises)',
      'Identity',
    );
    b.dep(directory, net);
    const engine = this.asset(orgId, 'interface-engine', 'Interface engine (HL7)', 'Integration');
    b.dep(engine, net);
    const ehr = this.asset(
      orgId,
      'ehr',
      `${h.name} EHR (${v.product})`,
      'EHR',
      `vendor ${v.supplier}; ${
        h.hosted
          ? 'vendor-hosted'
          : h.system?.ehrInstance
            ? 'on-premises (health-system instance)'
            : 'on-premises'
      }`,
    );
    b.dep(ehr, net);
    b.dep(ehr, directory);
    if (h.hosted) b.dep(ehr, v.hosting, CONTRACT);
    else if (h.system?.ehrInstance) b.dep(ehr, h.system.ehrInstance);
    const pacs = this.asset(orgId, 'pacs', 'PACS', 'PACS');
    b.dep(pacs, rng.chance(0.25) ? 'svc-vistara-cloud-pacs' : net, CONTRACT);
    b.dep(pacs, directory);
    const lis = this.asset(orgId, 'lis', 'Laboratory information system (with blood bank)', 'LIS');
    b.dep(lis, rng.chance(0.2) ? 'svc-labsphere-cloud-lis' : net, CONTRACT);
    b.dep(lis, directory);
    const cabinets = this.asset(
      orgId,
      'dispensing-cabinets',
      'Automated dispensing cabinets',
      'Medication automation',
    );
    b.dep(cabinets, rng.chance(0.55) ? 'svc-medispense-cloud' : net, CONTRACT);
    b.dep(cabinets, engine, { strength: 0.5, notes: 'ADT and orders feed' });
    const monitoring = this.asset(
      orgId,
      'patient-monitoring',
      'Patient monitoring and infusion pumps',
      'Medical device fleet',
    );
    b.dep(monitoring, net, {
      strength: 0.5,
      notes: 'central stations and pump servers; bedside devices run standalone',
    });
    const phones = this.asset(orgId, 'telephony', 'Telephony and nurse call', 'Telephony');
    b.dep(phones, rng.pick(TELECOM_WAN), CONTRACT);
    b.dep(phones, net);

    // Workflows
    const beds = h.beds;
    const comms = rng.chance(0.5);
    const scheduling = rng.chance(0.6);
    const lab = b.workflowFromProfile(rng, orgId, P.lab, beds * 12);
    b.dep(lab, lis);
    b.dep(lab, rng.chance(0.4) ? 'svc-summit-reagents' : 'svc-abbotsford-reagents', CONTRACT);
    b.dep(lab, engine, { strength: 0.6, notes: 'orders and results' });

    const imaging = b.workflowFromProfile(rng, orgId, P.imaging, beds * 0.9);
    b.dep(imaging, pacs);
    b.dep(imaging, ehr, { strength: 0.5, notes: 'orders and results' });
    b.dep(imaging, engine, { strength: 0.5 });
    const dictation = rng.weighted([0.6, 0.2, 0.2]);
    if (dictation < 2) {
      b.dep(
        imaging,
        dictation === 0 ? 'svc-voicechart-dictation' : 'svc-scribewell-dictation',
        contract({ strength: 0.6, notes: 'radiology reports' }),
      );
    }
    if (beds < 150 && rng.chance(0.7)) {
      b.dep(imaging, 'svc-nightray-reads', contract({ strength: 0.4, notes: 'after-hours reads' }));
    }

    const ivSource = this.ivSources.draw();
    const iv = b.workflowFromProfile(rng, orgId, P.ivAdministration, beds * 0.68 * 2.5);
    if (rng.chance(0.2)) {
      const alt = rng.pick((['vireo', 'brannock'] as const).filter((s) => s !== ivSource));
      b.dep(iv, IV_SERVICES[ivSource], contract({ group: 'iv-fluids' }));
      b.dep(iv, IV_SERVICES[alt], contract({ group: 'iv-fluids', notes: 'secondary IV-solutions contract' }));
    } else {
      b.dep(iv, IV_SERVICES[ivSource], CONTRACT);
    }
    b.dep(iv, cabinets);
    b.dep(iv, ehr, { strength: 0.5, notes: 'eMAR' });
    b.dep(iv, monitoring, { strength: 0.5, notes: 'smart infusion pumps' });

    const units = Math.max(1, beds * 0.05);
    const transfusion = b.workflowFromProfile(rng, orgId, P.transfusion, units);
    const blood = this.bloodPrimary.draw();
    const hasAlt = rng.chance(0.3);
    const group = hasAlt ? 'blood' : undefined;
    if (blood === 'center') {
      this.bloodUnitsToCenter += Math.round(units);
      b.dep(transfusion, BLOOD_CENTER_WF, contract({ group }));
      if (hasAlt) b.dep(transfusion, NBN_SUPPLY, contract({ group, notes: 'backup blood supplier' }));
    } else {
      b.dep(transfusion, NBN_SUPPLY, contract({ group }));
      if (hasAlt) b.dep(transfusion, BLOOD_CENTER_WF, contract({ group, notes: 'backup blood supplier' }));
    }
    b.dep(transfusion, lis, { notes: 'blood bank module' });
    b.dep(transfusion, engine, { strength: 0.3 });

    const ed = b.workflowFromProfile(rng, orgId, P.emergency, Math.max(15, beds * 0.45));
    b.dep(ed, ehr);
    b.dep(ed, lab, { strength: 0.5 });
    b.dep(ed, imaging, { strength: 0.4 });
    b.dep(ed, monitoring);
    b.dep(ed, phones, { strength: 0.3 });
    b.dep(
      ed,
      'svc-northstar-wireless',
      contract({ strength: 0.3, notes: 'EMS radio and ambulance communications' }),
    );
    if (h.note?.includes('trauma'))
      b.dep(ed, transfusion, { strength: 0.3, notes: 'massive transfusion protocol' });
    if (comms) b.dep(ed, 'svc-voxcall-clinical-comms', contract({ strength: 0.3 }));
    if (scheduling) b.dep(ed, 'svc-rosterpoint-scheduling', contract({ strength: 0.2 }));

    const inpatient = b.workflowFromProfile(rng, orgId, P.inpatient, beds * 0.68);
    b.dep(inpatient, ehr);
    b.dep(inpatient, iv, { strength: 0.6 });
    b.dep(inpatient, lab, { strength: 0.4 });
    b.dep(inpatient, transfusion, { strength: 0.1 });
    b.dep(inpatient, monitoring);
    b.dep(inpatient, phones, { strength: 0.3, notes: 'nurse call' });
    if (comms) b.dep(inpatient, 'svc-voxcall-clinical-comms', contract({ strength: 0.2 }));
    if (scheduling) b.dep(inpatient, 'svc-rosterpoint-scheduling', contract({ strength: 0.2 }));

    const erx = b.workflowFromProfile(rng, orgId, P.eprescribing, beds * 0.6);
    b.dep(erx, ehr);
    b.dep(erx, 'svc-scriptnet-erx', CONTRACT);

    this.claimsAndEligibility(orgId, ehr, beds * 9, 0.15);
    const claimsWf = `wf-${orgId.replace(/^org-/, '')}-${P.claims.code}`;
    b.dep(claimsWf, engine, { strength: 0.5, notes: 'charge capture feed' });
    if (rng.chance(0.3))
      b.dep(claimsWf, 'svc-apex-rcm', contract({ strength: 0.7, notes: 'outsourced revenue cycle' }));
    if (rng.chance(0.4))
      b.dep(claimsWf, 'svc-docuvault-documents', contract({ strength: 0.3, notes: 'claims attachments' }));

    const supplies = b.workflowFromProfile(rng, orgId, P.supplies, beds * 0.4);
    b.dep(inpatient, supplies, { strength: 0.3 });
    if (h.system) {
      b.dep(supplies, h.system.csc);
    } else {
      this.distributorDeps(supplies, 0.2);
      if (beds >= 150) b.dep(supplies, 'svc-sapphire-erp-cloud', contract({ strength: 0.5 }));
    }
  }

  // --- ambulatory -------------------------------------------------------------------------------------

  town(): [string, County] {
    const county = COUNTIES[this.rng.weighted(COUNTY_WEIGHTS)] as County;
    return [this.rng.pick(TOWNS[county]), county];
  }

  clinics(): void {
    const kinds: [type: string, count: number, names: readonly string[], eRx: boolean][] = [
      [
        'Physician practice',
        55,
        [
          'Family Medicine',
          'Internal Medicine',
          'Pediatrics',
          'Cardiology Associates',
          'Orthopedic Associates',
          'Oncology Associates',
          "Women's Health",
          'Dermatology',
          'Gastroenterology',
          'Primary Care',
          'Endocrinology',
          'Neurology Associates',
        ],
        true,
      ],
      ['Federally qualified health center', 12, ['Community Health Center', 'Family Health Center'], true],
      ['Urgent care center', 15, ['Urgent Care', 'Walk-in Clinic'], true],
      ['Ambulatory surgery center', 8, ['Surgery Center', 'Endoscopy Center'], false],
      ['Behavioral health clinic', 5, ['Behavioral Health', 'Counseling Center'], true],
    ];
    if (kinds.reduce((n, k) => n + k[1], 0) !== N_CLINICS) throw new Error('clinic count');
    const ehrShares: [string, number][] = [
      ['svc-athenix-cloud', 0.35],
      ['svc-eclinica-cloud', 0.25],
      ['svc-nextstep-cloud', 0.15],
      ['svc-epoch-hosted-ehr', 0.25],
    ];
    const ehrDeck = new Deck(this.rng, N_CLINICS, ehrShares);
    const supplierOf = new Map(DEMO_SUPPLIERS.flatMap((s) => s.services.map((v) => [v.id, s.id] as const)));
    const labWeights = this.referenceLabs.map(([, w]) => w);
    for (const [type, count, names, eRx] of kinds) {
      for (let i = 0; i < count; i++) {
        let name: string;
        let county: County;
        do {
          const [town, c] = this.town();
          county = c;
          name = `${town} ${this.rng.pick(names)}`;
        } while (this.b.has(`org-${slug(name)}`));
        const providers = type === 'Physician practice' ? this.rng.int(2, 30) : this.rng.int(6, 25);
        const orgId = this.org({
          name,
          subsector: 'DIRECT_PATIENT_CARE',
          type,
          region: region(county),
          size: providers >= 20 ? 'MEDIUM' : 'SMALL',
          notes: `${providers} clinicians`,
        });
        const net = this.asset(orgId, 'network', 'Office network and internet', 'Network');
        this.network(net, 0.1, OFFICE_INTERNET);
        this.managedIt(net, 0.6);
        const ehrSvc = ehrDeck.draw();
        const ehr = this.asset(
          orgId,
          'ehr',
          'Practice EHR and practice management',
          'EHR',
          `vendor ${supplierOf.get(ehrSvc)}; vendor-hosted`,
        );
        this.b.dep(ehr, ehrSvc, CONTRACT);
        this.b.dep(ehr, net);
        const visits = providers * (type === 'Urgent care center' ? 30 : 20);
        const amb = this.b.workflowFromProfile(this.rng, orgId, P.ambulatory, visits);
        this.b.dep(amb, ehr);
        const tele = this.rng.weighted([0.35, 0.15, 0.5]);
        if (tele < 2) {
          const svc = tele === 0 ? 'svc-carelink-telehealth' : 'svc-visitnow-telehealth';
          this.b.dep(amb, svc, contract({ strength: 0.2, notes: 'video visits' }));
        }
        if (this.rng.chance(0.5)) {
          this.b.dep(
            amb,
            'svc-patientpath-engagement',
            contract({ strength: 0.2, notes: 'scheduling and reminders' }),
          );
        }
        if (this.rng.chance(0.4)) {
          this.b.dep(
            amb,
            'svc-faxpoint-cloud-fax',
            contract({ strength: 0.2, notes: 'referrals and records' }),
          );
        }
        this.claimsAndEligibility(orgId, ehr, visits * 1.1, 0.1);
        if (eRx) {
          const erx = this.b.workflowFromProfile(this.rng, orgId, P.eprescribing, visits * 0.6);
          this.b.dep(erx, ehr);
          this.b.dep(erx, 'svc-scriptnet-erx', CONTRACT);
        }
        if (type !== 'Ambulatory surgery center' && type !== 'Behavioral health clinic') {
          const lab = this.b.workflowFromProfile(this.rng, orgId, P.lab, visits * 0.3, {
            name: 'Lab testing (send-out)',
          });
          const ref = this.referenceLabs[this.rng.weighted(labWeights)]?.[0] as string;
          this.b.dep(lab, ref, contract({ notes: 'reference laboratory' }));
          this.b.dep(lab, ehr, { strength: 0.5 });
          if (this.rng.chance(0.3))
            this.b.dep(lab, 'svc-rapid-courier', contract({ notes: 'specimen pickup' }));
        }
      }
    }
  }

  dialysis(): void {
    const chains: [string, number][] = [
      ['Vitalis Kidney Care', 11],
      ['RenalCare Partners', 9],
      ['Independent', 5],
    ];
    const independentNames = [
      'Harbor Kidney Center',
      'Prairie Dialysis Clinic',
      'Lakeshore Renal Institute',
      'Summit Dialysis',
      'Riverbend Kidney Services',
    ];
    let ind = 0;
    for (const [chain, count] of chains) {
      for (let i = 0; i < count; i++) {
        let name: string;
        let county: County;
        if (chain === 'Independent') {
          name = independentNames[ind++] as string;
          county = COUNTIES[ind % COUNTIES.length] as County;
        } else {
          do {
            const [town, c] = this.town();
            county = c;
            name = `${chain} - ${town}`;
          } while (this.b.has(`org-${slug(name)}`));
        }
        const stations = this.rng.int(12, 32);
        const orgId = this.org({
          name,
          subsector: 'DIRECT_PATIENT_CARE',
          type: 'Dialysis center',
          region: region(county),
          size: stations >= 24 ? 'MEDIUM' : 'SMALL',
          notes: `${stations} stations${chain === 'Independent' ? '' : `; part of ${chain}`}`,
        });
        const net = this.asset(orgId, 'network', 'Clinic network', 'Network');
        this.network(net, 0.2, OFFICE_INTERNET);
        if (chain === 'Independent') this.managedIt(net, 0.8);
        const machines = this.asset(orgId, 'dialysis-machines', 'Dialysis machines', 'Medical device fleet');
        this.b.dep(machines, 'svc-tri-county-electric', CONTRACT);
        const water = this.asset(orgId, 'water-treatment', 'Water treatment system', 'Water treatment');
        this.b.dep(water, 'svc-northbridge-water-supply', CONTRACT);
        this.b.dep(water, 'svc-tri-county-electric', CONTRACT);
        const ehrSvc = chain === 'Independent' ? 'svc-eclinica-cloud' : 'svc-nephrochart-cloud';
        const ehr = this.asset(
          orgId,
          'ehr',
          'Dialysis EHR',
          'EHR',
          `vendor ${ehrSvc === 'svc-eclinica-cloud' ? 'sup-eclinica-systems' : 'sup-nephrochart'}; vendor-hosted`,
        );
        this.b.dep(ehr, ehrSvc, CONTRACT);
        this.b.dep(ehr, net);
        const treatments = stations * 2.5;
        const d = this.b.workflowFromProfile(this.rng, orgId, P.dialysis, treatments);
        this.b.dep(d, machines);
        this.b.dep(d, water);
        this.b.dep(d, 'svc-renova-dialysate', CONTRACT);
        this.b.dep(d, ehr, { strength: 0.3, notes: 'treatment orders and flowsheets' });
        this.claimsAndEligibility(orgId, ehr, treatments, 0.1);
      }
    }
  }

  pharmacies(): void {
    type Chain = [name: string, count: number, pms: string, rxSwitch: string, distributor: number];
    const chains: Chain[] = [
      ['CareMart Pharmacy', 18, 'svc-rxmaster-cloud', 'svc-clearhouse-one-rx-switch', 0],
      ['Walbridge Pharmacy', 14, 'svc-pharmalink-cloud', 'svc-relayrx-switch', 1],
      ['ValuRx Pharmacy', 8, 'svc-rxmaster-cloud', 'svc-clearhouse-one-rx-switch', 2],
      ['FreshWay Pharmacy', 6, 'svc-scriptworks-cloud', 'svc-relayrx-switch', 0],
    ];
    const independents: [string, County][] = [
      ['Ashford Family Pharmacy', 'Harbor'],
      ['Bayview Apothecary', 'Harbor'],
      ['Cedar Falls Drug', 'Lakeshore'],
      ['Elk Ridge Pharmacy', 'Pine Ridge'],
      ['Hollis Community Pharmacy', 'Pine Ridge'],
      ['Juniper Drug', 'Summit'],
      ['Oxbow Pharmacy', 'Riverbend'],
      ['Quarry Hill Pharmacy', 'Summit'],
      ['Wheaton Plains Drug', 'Prairie'],
      ['Jasper Pharmacy', 'Prairie'],
      ['Harbor Specialty Pharmacy', 'Harbor'],
      ['CareMart Mail Pharmacy', 'Riverbend'],
    ];
    const pms = ['svc-rxmaster-cloud', 'svc-pharmalink-cloud', 'svc-scriptworks-cloud'];
    const switches = ['svc-clearhouse-one-rx-switch', 'svc-relayrx-switch'];
    const all: {
      name: string;
      county: County;
      type: string;
      pms: string;
      rxSwitch: string;
      distributor: number;
      rx: number;
      chain?: string;
    }[] = [];
    for (const [chain, count, p, sw, dist] of chains) {
      for (let i = 0; i < count; i++) {
        const [town, county] = this.town();
        const store = 1000 + this.rng.int(0, 8999);
        all.push({
          name: `${chain} #${store} ${town}`,
          county,
          type: 'Retail pharmacy',
          pms: p,
          rxSwitch: sw,
          distributor: dist,
          rx: this.rng.int(180, 420),
          chain,
        });
      }
    }
    for (const [name, county] of independents) {
      const mail = name.includes('Mail');
      all.push({
        name,
        county,
        type: mail
          ? 'Mail-order pharmacy'
          : name.includes('Specialty')
            ? 'Specialty pharmacy'
            : 'Independent pharmacy',
        pms: this.rng.pick(pms),
        rxSwitch: this.rng.pick(switches),
        distributor: this.rng.int(0, 2),
        rx: mail ? 6_000 : this.rng.int(90, 250),
      });
    }
    for (const p of all) {
      let id = `org-${slug(p.name)}`;
      while (this.b.has(id)) id = `${id}-2`;
      const orgId = this.org({
        id,
        name: p.name,
        subsector: 'PHARMA_LABS_BLOOD',
        type: p.type,
        region: region(p.county),
        size: p.rx >= 1_000 ? 'LARGE' : 'SMALL',
        notes: p.chain ? `store of ${p.chain}` : undefined,
      });
      const system = this.asset(orgId, 'pharmacy-system', 'Pharmacy management system', 'Pharmacy system');
      this.b.dep(system, p.pms, CONTRACT);
      this.b.dep(system, this.rng.pick(OFFICE_INTERNET), CONTRACT);
      if (!p.chain) this.managedIt(system, 0.7);
      const disp = this.b.workflowFromProfile(this.rng, orgId, P.dispensing, p.rx);
      this.b.dep(disp, system);
      if (this.rng.chance(p.chain ? 0.4 : 0.15)) {
        const alt = switches.find((s) => s !== p.rxSwitch) as string;
        this.b.dep(disp, p.rxSwitch, contract({ group: 'rx-switch', notes: 'claims to PBMs' }));
        this.b.dep(disp, alt, contract({ group: 'rx-switch', notes: 'secondary switch' }));
      } else {
        this.b.dep(disp, p.rxSwitch, contract({ notes: 'claims to PBMs' }));
      }
      const wholesaler = DRUG_DISTRIBUTORS[p.distributor] as string;
      this.b.dep(disp, `wf-${wholesaler.replace(/^org-/, '')}-${P.distribution.code}`, CONTRACT);
      const erx = this.b.workflowFromProfile(this.rng, orgId, P.eprescribing, p.rx * 0.8, {
        name: 'E-prescription intake',
      });
      this.b.dep(erx, system);
      this.b.dep(erx, 'svc-scriptnet-erx', CONTRACT);
      if (this.rng.chance(0.5)) {
        this.b.dep(erx, 'svc-faxpoint-cloud-fax', contract({ strength: 0.2, notes: 'faxed prescriptions' }));
      }
    }
  }

  bloodCenter(): void {
    const orgId = this.org({
      id: BLOOD_CENTER,
      name: 'Northbridge Regional Blood Center',
      subsector: 'PHARMA_LABS_BLOOD',
      type: 'Blood center',
      region: region('Harbor'),
      size: 'LARGE',
      notes: 'Primary blood supplier for most hospitals in the region.',
    });
    const net = this.asset(orgId, 'network', 'Network and data centre', 'Network');
    this.network(net, 1);
    const gen = this.generators(orgId);
    this.power(net, gen);
    const becs = this.asset(orgId, 'becs', 'Blood establishment computer system', 'BECS');
    this.b.dep(becs, 'svc-hemalink-becs', CONTRACT);
    this.b.dep(becs, net);
    const cold = this.asset(orgId, 'cold-storage', 'Blood storage refrigeration', 'Cold chain');
    this.power(cold, gen);
    const fleet = this.asset(orgId, 'delivery-fleet', 'Delivery vans', 'Vehicle fleet');
    this.b.dep(fleet, 'svc-summit-diesel-delivery', CONTRACT);
    const collection = this.b.workflowFromProfile(
      this.rng,
      orgId,
      P.bloodCollection,
      this.bloodUnitsToCenter * 1.1,
    );
    this.b.dep(collection, becs);
    this.b.dep(collection, 'svc-abbotsford-reagents', contract({ notes: 'donor screening assays' }));
    const distribution = this.b.workflowFromProfile(
      this.rng,
      orgId,
      P.bloodDistribution,
      this.bloodUnitsToCenter,
      {
        notes: 'volume: units delivered to hospitals per day',
      },
    );
    if (distribution !== BLOOD_CENTER_WF) throw new Error('blood centre workflow id');
    this.b.dep(distribution, becs);
    this.b.dep(distribution, cold);
    this.b.dep(distribution, collection, { strength: 0.5, notes: 'inventory runs down without collections' });
    this.b.dep(distribution, fleet, { group: 'delivery' });
    this.b.dep(distribution, 'svc-rapid-courier', contract({ group: 'delivery' }));
  }
}

let cached: Template | undefined;

/** The demo ecosystem (deterministic; a fresh deep copy on every call). */
export function demoEcosystem(): Template {
  cached ??= new Demo().run();
  return structuredClone(cached);
}
