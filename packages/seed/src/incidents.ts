// The incident library: three scenarios on the demo map modelled on public incidents,
// each with the public headline figures it is compared with (docs/backtests.md). The
// demo's suppliers are fictional; what is modelled is the shape of the incident (which
// kind of third party failed, for how long), not the real company.

/** A figure of the demo's back-test (BacktestFigures) a public figure is set beside. */
export type DemoMeasure =
  | 'hospitalsFinancial'
  | 'hospitalsPatientCare'
  | 'hospitalsDisrupted'
  | 'organizationsAffected';

export interface PublicFigure {
  /** What was measured, in words. */
  what: string;
  /** The figure as published. */
  value: string;
  source: string;
  /** The demo figure it is compared with; null when the demo has no such measure. */
  demo: DemoMeasure | null;
  /** Why the demo does not measure it (when `demo` is null). */
  notModelled?: string;
}

export interface Incident {
  id: string;
  title: string;
  /** The public incident it is modelled on. */
  modelledOn: string;
  /** The demo entities that fail. */
  failed: string[];
  durationHours: number;
  publicFigures: PublicFigure[];
}

export const INCIDENTS: readonly Incident[] = [
  {
    id: 'clearinghouse-weeks',
    title: 'The dominant claims clearinghouse out for three weeks',
    modelledOn: 'Change Healthcare, February–March 2024',
    failed: ['sup-clearhouse-one'],
    durationHours: 21 * 24,
    publicFigures: [
      {
        what: 'hospitals reporting a financial impact',
        value: '94 %',
        source: 'American Hospital Association survey of nearly 1,000 hospitals, March 2024',
        demo: 'hospitalsFinancial',
      },
      {
        what: 'hospitals reporting a direct impact on patient care',
        value: '74 %',
        source: 'American Hospital Association survey of nearly 1,000 hospitals, March 2024',
        demo: 'hospitalsPatientCare',
      },
    ],
  },
  {
    id: 'endpoint-agent-update',
    title: 'A faulty endpoint-security update takes down Windows hosts for two days',
    modelledOn: 'CrowdStrike sensor update, 19 July 2024',
    failed: ['sup-vigil-security'],
    durationHours: 48,
    publicFigures: [
      {
        what: 'US hospitals whose services were disrupted',
        value: 'about one in three, within hours',
        source: 'HSCC SMART mission statement, as reported after the outage',
        demo: 'hospitalsDisrupted',
      },
      {
        what: 'Windows devices that crashed',
        value: 'about 8.5 million, under 1 % of all Windows machines',
        source: 'Microsoft, "Helping our customers through the CrowdStrike outage", 20 July 2024',
        demo: null,
        notModelled: 'the demo counts organizations and workflows, not devices',
      },
    ],
  },
  {
    id: 'pathology-provider-ransomware',
    title: 'Ransomware at the laboratory information system vendor, three weeks',
    modelledOn: 'Synnovis pathology services, London, June 2024',
    // The demo has no pathology-services provider of its own: the shared laboratory
    // information system the region's laboratories run on stands for it (docs/backtests.md).
    failed: ['sup-labsphere-informatics'],
    durationHours: 21 * 24,
    publicFigures: [
      {
        what: 'outpatient appointments and elective procedures postponed at two NHS trusts',
        value: 'about 10,000 and 1,700',
        source: 'NHS England London updates, June–August 2024',
        demo: 'hospitalsPatientCare',
      },
    ],
  },
];
