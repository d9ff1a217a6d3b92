// The third parties of the demo ecosystem: suppliers, their services, and the
// dependencies among services (fourth parties: cloud regions, identity, endpoint
// security, open-source components). All names are invented.
import type { DependencySource, ServiceType } from '@smart/domain';

export interface ServiceSpec {
  id: string;
  name: string;
  type: ServiceType;
  category: string;
  region?: string;
  notes?: string;
}

export interface SupplierSpec {
  id: string;
  name: string;
  category: string;
  country?: string;
  securityRating?: number;
  notes?: string;
  services: ServiceSpec[];
}

const sw = (id: string, name: string, category: string, region = 'US', notes?: string): ServiceSpec => ({
  id,
  name,
  type: 'SOFTWARE',
  category,
  region,
  notes,
});
const tech = (id: string, name: string, category: string, region = 'US', notes?: string): ServiceSpec => ({
  id,
  name,
  type: 'TECHNOLOGY',
  category,
  region,
  notes,
});
const comms = (id: string, name: string, category: string, region = 'Northbridge'): ServiceSpec => ({
  id,
  name,
  type: 'COMMUNICATIONS',
  category,
  region,
});
const phys = (id: string, name: string, category: string, region = 'US', notes?: string): ServiceSpec => ({
  id,
  name,
  type: 'PHYSICAL',
  category,
  region,
  notes,
});

export const DEMO_SUPPLIERS: SupplierSpec[] = [
  // --- fourth parties: cloud, identity, endpoint security --------------------------------
  {
    id: 'sup-nimbus-cloud',
    name: 'Nimbus Cloud Services',
    category: 'Cloud infrastructure',
    country: 'US',
    securityRating: 86,
    notes: 'Largest public cloud provider (about a third of the cloud-infrastructure market).',
    services: [
      tech('svc-nimbus-us-east', 'Nimbus Cloud US-East region', 'Cloud region', 'US-East'),
      tech('svc-nimbus-us-central', 'Nimbus Cloud US-Central region', 'Cloud region', 'US-Central'),
    ],
  },
  {
    id: 'sup-azora-cloud',
    name: 'Azora Cloud',
    category: 'Cloud infrastructure',
    country: 'US',
    securityRating: 88,
    notes: 'Second public cloud provider (about a quarter of the market); also sells a directory service.',
    services: [
      tech('svc-azora-east-us', 'Azora Cloud East US region', 'Cloud region', 'US-East'),
      tech('svc-azora-central-us', 'Azora Cloud Central US region', 'Cloud region', 'US-Central'),
      sw('svc-azora-directory', 'Azora Directory (identity and SSO)', 'Identity and SSO', 'Global'),
    ],
  },
  {
    id: 'sup-orbital-cloud',
    name: 'Orbital Cloud Platform',
    category: 'Cloud infrastructure',
    country: 'US',
    securityRating: 87,
    notes: 'Third public cloud provider (about a tenth of the market).',
    services: [
      tech('svc-orbital-us-central', 'Orbital Cloud us-central region', 'Cloud region', 'US-Central'),
      tech('svc-orbital-us-east', 'Orbital Cloud us-east region', 'Cloud region', 'US-East'),
    ],
  },
  {
    id: 'sup-keygate-identity',
    name: 'Keygate Identity',
    category: 'Identity and access',
    country: 'US',
    securityRating: 82,
    notes: 'Workforce SSO and MFA used by many health-IT vendors (a fourth party to most hospitals).',
    services: [sw('svc-keygate-sso', 'Keygate SSO and MFA', 'Identity and SSO', 'Global')],
  },
  {
    id: 'sup-vigil-security',
    name: 'Vigil Security',
    category: 'Endpoint security',
    country: 'US',
    securityRating: 79,
    notes: 'Endpoint detection and response agent with kernel-level updates pushed to every host.',
    services: [sw('svc-vigil-edr', 'Vigil endpoint protection (EDR)', 'Endpoint security', 'Global')],
  },
  {
    id: 'sup-bastion-cyber',
    name: 'Bastion Cyber',
    category: 'Endpoint security',
    country: 'US',
    securityRating: 84,
    services: [sw('svc-bastion-edr', 'Bastion endpoint defense', 'Endpoint security', 'Global')],
  },
  // --- communications and utilities --------------------------------------------------------
  {
    id: 'sup-meridian-telecom',
    name: 'Meridian Telecom',
    category: 'Telecommunications',
    country: 'US',
    securityRating: 74,
    services: [
      comms('svc-meridian-fiber-wan', 'Meridian fiber WAN', 'WAN'),
      comms('svc-meridian-internet', 'Meridian business internet', 'Internet access'),
    ],
  },
  {
    id: 'sup-northstar-communications',
    name: 'Northstar Communications',
    category: 'Telecommunications',
    country: 'US',
    securityRating: 71,
    services: [
      comms('svc-northstar-mpls', 'Northstar MPLS network', 'WAN'),
      comms('svc-northstar-wireless', 'Northstar wireless (cellular and paging)', 'Wireless'),
    ],
  },
  {
    id: 'sup-cascade-fiber',
    name: 'Cascade Fiber Networks',
    category: 'Telecommunications',
    country: 'US',
    securityRating: 69,
    services: [comms('svc-cascade-metro-ethernet', 'Cascade metro Ethernet', 'WAN')],
  },
  {
    id: 'sup-tri-county-power',
    name: 'Tri-County Power & Light',
    category: 'Electric utility',
    country: 'US',
    securityRating: 66,
    services: [
      phys('svc-tri-county-electric', 'Electric power distribution', 'Electric power', 'Northbridge'),
    ],
  },
  {
    id: 'sup-northbridge-water',
    name: 'Northbridge Water Authority',
    category: 'Water utility',
    country: 'US',
    services: [phys('svc-northbridge-water-supply', 'Municipal water supply', 'Water', 'Northbridge')],
  },
  {
    id: 'sup-summit-fuel',
    name: 'Summit Fuel Services',
    category: 'Fuel',
    country: 'US',
    services: [
      phys('svc-summit-diesel-delivery', 'Generator diesel delivery', 'Fuel delivery', 'Northbridge'),
    ],
  },
  // --- EHR vendors (acute care) --------------------------------------------------------------
  {
    id: 'sup-epoch-health-records',
    name: 'Epoch Health Records',
    category: 'EHR',
    country: 'US',
    securityRating: 90,
    notes: 'Largest acute-care EHR vendor: about 42% of acute-care hospitals.',
    services: [
      sw('svc-epoch-hosted-ehr', 'Epoch Hosted EHR', 'EHR hosting'),
      tech('svc-epoch-datacenter', 'Epoch hosting data centres', 'Vendor data centre', 'US-Central'),
    ],
  },
  {
    id: 'sup-cernix-health',
    name: 'Cernix Health',
    category: 'EHR',
    country: 'US',
    securityRating: 81,
    notes: 'Second acute-care EHR vendor: about 23% of acute-care hospitals.',
    services: [sw('svc-cernix-remote-hosting', 'Cernix Remote Hosting', 'EHR hosting')],
  },
  {
    id: 'sup-meditrek-systems',
    name: 'Meditrek Systems',
    category: 'EHR',
    country: 'US',
    securityRating: 83,
    notes: 'Third acute-care EHR vendor: about 15% of acute-care hospitals.',
    services: [sw('svc-meditrek-cloud-ehr', 'Meditrek Cloud EHR', 'EHR hosting')],
  },
  {
    id: 'sup-trucare-systems',
    name: 'TruCare Systems',
    category: 'EHR',
    country: 'US',
    securityRating: 72,
    notes: 'EHR for rural and critical-access hospitals.',
    services: [sw('svc-trucare-hosted-ehr', 'TruCare Hosted EHR', 'EHR hosting')],
  },
  {
    id: 'sup-altavia-clinical',
    name: 'Altavia Clinical',
    category: 'EHR',
    country: 'US',
    securityRating: 75,
    services: [sw('svc-altavia-hosted-ehr', 'Altavia Hosted EHR', 'EHR hosting')],
  },
  {
    id: 'sup-medharbor-software',
    name: 'MedHarbor Software',
    category: 'EHR',
    country: 'US',
    securityRating: 68,
    services: [sw('svc-medharbor-hosted-ehr', 'MedHarbor Cloud EHR', 'EHR hosting')],
  },
  // --- ambulatory EHR / practice management ----------------------------------------------------
  {
    id: 'sup-athenix-health',
    name: 'Athenix Health',
    category: 'Ambulatory EHR and practice management',
    country: 'US',
    securityRating: 80,
    services: [sw('svc-athenix-cloud', 'Athenix cloud EHR and practice management', 'Ambulatory EHR')],
  },
  {
    id: 'sup-eclinica-systems',
    name: 'eClinica Systems',
    category: 'Ambulatory EHR and practice management',
    country: 'US',
    securityRating: 73,
    services: [sw('svc-eclinica-cloud', 'eClinica cloud EHR', 'Ambulatory EHR')],
  },
  {
    id: 'sup-nextstep-health',
    name: 'NextStep Health',
    category: 'Ambulatory EHR and practice management',
    country: 'US',
    securityRating: 76,
    services: [sw('svc-nextstep-cloud', 'NextStep cloud EHR', 'Ambulatory EHR')],
  },
  // --- clearinghouses, switches, e-prescribing ------------------------------------------------
  {
    id: 'sup-clearhouse-one',
    name: 'ClearHouse One',
    category: 'Clearinghouse',
    country: 'US',
    securityRating: 61,
    notes: 'Dominant clearinghouse: carries about half of all claims; also runs a pharmacy switch.',
    services: [
      sw('svc-clearhouse-one-claims', 'ClearHouse One claims network', 'Claims clearinghouse'),
      sw('svc-clearhouse-one-eligibility', 'ClearHouse One eligibility (270/271)', 'Eligibility'),
      sw('svc-clearhouse-one-rx-switch', 'ClearHouse One pharmacy switch', 'Pharmacy switch'),
      tech('svc-clearhouse-one-datacenter', 'ClearHouse One data centres', 'Vendor data centre'),
    ],
  },
  {
    id: 'sup-availpoint-exchange',
    name: 'AvailPoint Exchange',
    category: 'Clearinghouse',
    country: 'US',
    securityRating: 78,
    services: [
      sw('svc-availpoint-claims', 'AvailPoint claims', 'Claims clearinghouse'),
      sw('svc-availpoint-eligibility', 'AvailPoint eligibility', 'Eligibility'),
    ],
  },
  {
    id: 'sup-wayfare-claims',
    name: 'Wayfare Claims',
    category: 'Clearinghouse',
    country: 'US',
    securityRating: 80,
    services: [
      sw('svc-wayfare-claims', 'Wayfare claims', 'Claims clearinghouse'),
      sw('svc-wayfare-eligibility', 'Wayfare eligibility', 'Eligibility'),
    ],
  },
  {
    id: 'sup-trizenith-clearing',
    name: 'TriZenith Clearing',
    category: 'Clearinghouse',
    country: 'US',
    securityRating: 77,
    services: [
      sw('svc-trizenith-claims', 'TriZenith claims', 'Claims clearinghouse'),
      sw('svc-trizenith-eligibility', 'TriZenith eligibility', 'Eligibility'),
    ],
  },
  {
    id: 'sup-relayrx-network',
    name: 'RelayRx Network',
    category: 'Pharmacy switch',
    country: 'US',
    securityRating: 79,
    services: [sw('svc-relayrx-switch', 'RelayRx pharmacy switch', 'Pharmacy switch')],
  },
  {
    id: 'sup-scriptnet',
    name: 'ScriptNet',
    category: 'E-prescribing network',
    country: 'US',
    securityRating: 85,
    notes: 'Routes nearly all e-prescriptions between prescribers and pharmacies.',
    services: [sw('svc-scriptnet-erx', 'ScriptNet e-prescribing network', 'E-prescribing')],
  },
  {
    id: 'sup-rxmaster-systems',
    name: 'RxMaster Pharmacy Systems',
    category: 'Pharmacy management system',
    country: 'US',
    securityRating: 70,
    services: [sw('svc-rxmaster-cloud', 'RxMaster cloud pharmacy system', 'Pharmacy management')],
  },
  {
    id: 'sup-pharmalink-software',
    name: 'PharmaLink Software',
    category: 'Pharmacy management system',
    country: 'US',
    securityRating: 74,
    services: [sw('svc-pharmalink-cloud', 'PharmaLink cloud pharmacy system', 'Pharmacy management')],
  },
  {
    id: 'sup-scriptworks',
    name: 'ScriptWorks',
    category: 'Pharmacy management system',
    country: 'US',
    securityRating: 67,
    services: [sw('svc-scriptworks-cloud', 'ScriptWorks pharmacy system', 'Pharmacy management')],
  },
  // --- clinical technology ------------------------------------------------------------------
  {
    id: 'sup-labsphere-informatics',
    name: 'LabSphere Informatics',
    category: 'Laboratory information system',
    country: 'US',
    securityRating: 76,
    services: [sw('svc-labsphere-cloud-lis', 'LabSphere cloud LIS', 'Laboratory information system')],
  },
  {
    id: 'sup-vistara-imaging',
    name: 'Vistara Imaging',
    category: 'PACS and imaging',
    country: 'US',
    securityRating: 78,
    services: [sw('svc-vistara-cloud-pacs', 'Vistara cloud PACS', 'PACS')],
  },
  {
    id: 'sup-nightray-teleradiology',
    name: 'NightRay Teleradiology',
    category: 'Teleradiology',
    country: 'US',
    securityRating: 72,
    services: [sw('svc-nightray-reads', 'NightRay after-hours reads', 'Teleradiology')],
  },
  {
    id: 'sup-medispense-automation',
    name: 'MediSpense Automation',
    category: 'Medication automation',
    country: 'US',
    securityRating: 75,
    services: [sw('svc-medispense-cloud', 'MediSpense cabinet server (cloud)', 'Medication automation')],
  },
  {
    id: 'sup-voxcall',
    name: 'VoxCall',
    category: 'Clinical communications',
    country: 'US',
    securityRating: 77,
    services: [
      sw('svc-voxcall-clinical-comms', 'VoxCall clinical communications', 'Clinical communications'),
    ],
  },
  {
    id: 'sup-rosterpoint',
    name: 'RosterPoint',
    category: 'Staff scheduling',
    country: 'US',
    securityRating: 74,
    services: [sw('svc-rosterpoint-scheduling', 'RosterPoint staff scheduling', 'Workforce management')],
  },
  {
    id: 'sup-apex-revenue-cycle',
    name: 'Apex Revenue Cycle',
    category: 'Revenue-cycle outsourcing',
    country: 'US',
    securityRating: 70,
    services: [sw('svc-apex-rcm', 'Apex revenue-cycle services', 'Revenue cycle management')],
  },
  // --- blood ------------------------------------------------------------------------------------
  {
    id: 'sup-hemalink-software',
    name: 'HemaLink Software',
    category: 'Blood establishment software',
    country: 'US',
    securityRating: 71,
    services: [
      sw('svc-hemalink-becs', 'HemaLink blood establishment computer system', 'Blood establishment software'),
    ],
  },
  {
    id: 'sup-national-blood-network',
    name: 'National Blood Network',
    category: 'Blood supplier',
    country: 'US',
    notes: 'National blood supplier; primary for a few hospitals, contracted backup for others.',
    services: [
      phys('svc-national-blood-network-supply', 'National Blood Network blood products', 'Blood products'),
    ],
  },
  {
    id: 'sup-rapid-medical-courier',
    name: 'Rapid Medical Courier',
    category: 'Logistics',
    country: 'US',
    services: [phys('svc-rapid-courier', 'Specimen and blood courier', 'Courier', 'Northbridge')],
  },
  // --- physical supply ------------------------------------------------------------------------
  {
    id: 'sup-clearwater-infusion',
    name: 'Clearwater Infusion Products',
    category: 'IV solutions',
    country: 'US',
    notes: "Its North Fork plant makes about 60% of the country's IV solutions.",
    services: [
      phys(
        'svc-clearwater-north-fork-iv',
        'IV solutions from the North Fork plant',
        'IV solutions',
        'Northbridge - Pine Ridge County',
      ),
    ],
  },
  {
    id: 'sup-vireo-pharma',
    name: 'Vireo Pharma Solutions',
    category: 'IV solutions',
    country: 'DE',
    services: [phys('svc-vireo-iv-solutions', 'Vireo IV solutions', 'IV solutions')],
  },
  {
    id: 'sup-brannock-medical',
    name: 'Brannock Medical',
    category: 'IV solutions',
    country: 'US',
    services: [phys('svc-brannock-iv-solutions', 'Brannock IV solutions', 'IV solutions')],
  },
  {
    id: 'sup-renova-medical',
    name: 'Renova Medical Products',
    category: 'Dialysis supplies',
    country: 'US',
    services: [phys('svc-renova-dialysate', 'Dialysate and dialysis disposables', 'Dialysis supplies')],
  },
  {
    id: 'sup-summit-diagnostics',
    name: 'Summit Diagnostics',
    category: 'Lab reagents',
    country: 'US',
    services: [
      phys('svc-summit-reagents', 'Summit analyser reagents', 'Lab reagents', 'Northbridge - Summit County'),
    ],
  },
  {
    id: 'sup-abbotsford-diagnostics',
    name: 'Abbotsford Diagnostics',
    category: 'Lab reagents',
    country: 'US',
    services: [phys('svc-abbotsford-reagents', 'Abbotsford analyser reagents', 'Lab reagents')],
  },
  {
    id: 'sup-gulfport-polymers',
    name: 'Gulfport Polymers',
    category: 'Raw materials',
    country: 'US',
    services: [phys('svc-gulfport-pvc-film', 'Medical-grade PVC film for IV bags', 'Raw materials')],
  },
  // --- enterprise and public-sector software ---------------------------------------------------
  {
    id: 'sup-sapphire-erp',
    name: 'Sapphire ERP',
    category: 'ERP and supply chain',
    country: 'DE',
    securityRating: 83,
    services: [sw('svc-sapphire-erp-cloud', 'Sapphire cloud ERP and warehouse management', 'ERP')],
  },
  {
    id: 'sup-facetrix',
    name: 'Facetrix',
    category: 'Payer core administration',
    country: 'US',
    securityRating: 79,
    services: [
      sw('svc-facetrix-core-cloud', 'Facetrix core administration (cloud)', 'Payer core administration'),
    ],
  },
  {
    id: 'sup-planedge-systems',
    name: 'PlanEdge Systems',
    category: 'Payer core administration',
    country: 'US',
    securityRating: 81,
    services: [
      sw('svc-planedge-core-cloud', 'PlanEdge core administration (cloud)', 'Payer core administration'),
    ],
  },
  {
    id: 'sup-first-harbor-bank',
    name: 'First Harbor Bank',
    category: 'Banking',
    country: 'US',
    securityRating: 89,
    services: [tech('svc-first-harbor-ach', 'First Harbor ACH payments', 'Payments')],
  },
  {
    id: 'sup-lakeshore-trust-bank',
    name: 'Lakeshore Trust Bank',
    category: 'Banking',
    country: 'US',
    securityRating: 87,
    services: [tech('svc-lakeshore-trust-ach', 'Lakeshore Trust ACH payments', 'Payments')],
  },
  {
    id: 'sup-nephrochart',
    name: 'NephroChart',
    category: 'Dialysis EHR',
    country: 'US',
    securityRating: 73,
    services: [sw('svc-nephrochart-cloud', 'NephroChart dialysis EHR', 'Dialysis EHR')],
  },
  {
    id: 'sup-civichealth-systems',
    name: 'CivicHealth Systems',
    category: 'Public-health software',
    country: 'US',
    securityRating: 70,
    services: [sw('svc-civichealth-surveillance', 'CivicHealth surveillance platform', 'Surveillance')],
  },
  {
    id: 'sup-vitalnet-systems',
    name: 'VitalNet Systems',
    category: 'Vital records',
    country: 'US',
    services: [sw('svc-vitalnet-edrs', 'Electronic death registration system', 'Vital records')],
  },
  {
    id: 'sup-orion-interop',
    name: 'Orion Interoperability',
    category: 'Interoperability',
    country: 'US',
    securityRating: 78,
    services: [sw('svc-orion-hie-platform', 'Orion HIE platform', 'Health information exchange')],
  },
  // --- the long tail: niche SaaS and managed services ------------------------------------------
  {
    id: 'sup-voicechart',
    name: 'VoiceChart',
    category: 'Dictation and speech recognition',
    country: 'US',
    securityRating: 76,
    services: [sw('svc-voicechart-dictation', 'VoiceChart radiology dictation', 'Dictation')],
  },
  {
    id: 'sup-scribewell',
    name: 'Scribewell',
    category: 'Dictation and speech recognition',
    country: 'US',
    securityRating: 70,
    services: [sw('svc-scribewell-dictation', 'Scribewell dictation', 'Dictation')],
  },
  {
    id: 'sup-carelink-telehealth',
    name: 'CareLink Telehealth',
    category: 'Telehealth',
    country: 'US',
    securityRating: 72,
    services: [sw('svc-carelink-telehealth', 'CareLink video visits', 'Telehealth')],
  },
  {
    id: 'sup-visitnow',
    name: 'VisitNow',
    category: 'Telehealth',
    country: 'US',
    securityRating: 65,
    services: [sw('svc-visitnow-telehealth', 'VisitNow video visits', 'Telehealth')],
  },
  {
    id: 'sup-faxpoint',
    name: 'FaxPoint',
    category: 'Fax and secure messaging',
    country: 'US',
    securityRating: 63,
    services: [
      {
        id: 'svc-faxpoint-cloud-fax',
        name: 'FaxPoint cloud fax',
        type: 'COMMUNICATIONS',
        category: 'Fax',
        region: 'US',
      },
    ],
  },
  {
    id: 'sup-docuvault-health',
    name: 'DocuVault Health',
    category: 'Document management',
    country: 'US',
    securityRating: 71,
    services: [
      sw('svc-docuvault-documents', 'DocuVault claims attachments and documents', 'Document management'),
    ],
  },
  {
    id: 'sup-patientpath',
    name: 'PatientPath',
    category: 'Patient engagement',
    country: 'US',
    securityRating: 69,
    services: [
      sw('svc-patientpath-engagement', 'PatientPath scheduling and reminders', 'Patient engagement'),
    ],
  },
  {
    id: 'sup-northbridge-managed-it',
    name: 'Northbridge Managed IT Services',
    category: 'Managed IT services',
    country: 'US',
    securityRating: 58,
    notes: 'Managed-service provider with remote administration of many small practices and pharmacies.',
    services: [
      tech('svc-northbridge-managed-it-rmm', 'Remote monitoring and management', 'Managed IT', 'Northbridge'),
    ],
  },
  {
    id: 'sup-clinicit-partners',
    name: 'ClinicIT Partners',
    category: 'Managed IT services',
    country: 'US',
    securityRating: 64,
    services: [tech('svc-clinicit-managed-it', 'Managed IT for clinics', 'Managed IT', 'Northbridge')],
  },
  {
    id: 'sup-remotebridge',
    name: 'RemoteBridge',
    category: 'Remote access',
    country: 'US',
    securityRating: 60,
    services: [sw('svc-remotebridge-gateway', 'RemoteBridge remote-access gateway', 'Remote access')],
  },
  // --- open-source components (reached through vendors' SBOMs) ----------------------------------
  {
    id: 'sup-loglight-oss',
    name: 'LogLight (open-source logging library)',
    category: 'Open-source component',
    notes: 'Found in several vendors’ SBOMs; a critical flaw forces emergency patching everywhere at once.',
    services: [],
  },
  {
    id: 'sup-cryptkit-oss',
    name: 'CryptKit (open-source TLS library)',
    category: 'Open-source component',
    services: [],
  },
];

export interface ServiceDep {
  from: string;
  to: string;
  group?: string;
  strength?: number;
  source?: DependencySource;
  confidence?: number;
  notes?: string;
}

const q = (from: string, to: string, confidence = 0.8, extra: Partial<ServiceDep> = {}): ServiceDep => ({
  from,
  to,
  source: 'QUESTIONNAIRE',
  confidence,
  ...extra,
});
const inferred = (from: string, to: string, confidence = 0.6): ServiceDep => ({
  from,
  to,
  source: 'INFERRED',
  confidence,
  notes: 'inferred from DNS and TLS-certificate scans',
});
const attested = (from: string, to: string, confidence = 0.7): ServiceDep => ({
  from,
  to,
  source: 'ATTESTATION',
  confidence,
});
const sbom = (from: string, to: string): ServiceDep => ({
  from,
  to,
  source: 'SBOM',
  confidence: 0.95,
  notes: "component listed in the vendor's SBOM",
});
const regions = (from: string, a: string, b: string, confidence = 0.9): ServiceDep[] => [
  q(from, a, confidence, { group: 'cloud-region', notes: 'active-active across two regions' }),
  q(from, b, confidence, { group: 'cloud-region', notes: 'active-active across two regions' }),
];

/** Dependencies of services on other services and suppliers: the fourth-party layer. */
export const DEMO_SERVICE_DEPS: ServiceDep[] = [
  ...regions('svc-keygate-sso', 'svc-nimbus-us-east', 'svc-nimbus-us-central'),
  ...regions('svc-azora-directory', 'svc-azora-east-us', 'svc-azora-central-us'),
  inferred('svc-vigil-edr', 'svc-nimbus-us-east'),
  inferred('svc-bastion-edr', 'svc-orbital-us-east'),
  // EHR vendors
  { from: 'svc-epoch-hosted-ehr', to: 'svc-epoch-datacenter', source: 'CONTRACT', confidence: 1 },
  attested('svc-epoch-datacenter', 'svc-vigil-edr', 0.8),
  sbom('svc-epoch-hosted-ehr', 'sup-loglight-oss'),
  q('svc-cernix-remote-hosting', 'svc-azora-east-us'),
  q('svc-cernix-remote-hosting', 'svc-keygate-sso'),
  q('svc-cernix-remote-hosting', 'svc-vigil-edr'),
  q('svc-meditrek-cloud-ehr', 'svc-orbital-us-central', 0.9),
  inferred('svc-meditrek-cloud-ehr', 'svc-azora-directory', 0.5),
  inferred('svc-trucare-hosted-ehr', 'svc-nimbus-us-central'),
  q('svc-trucare-hosted-ehr', 'svc-vigil-edr', 0.7),
  q('svc-altavia-hosted-ehr', 'svc-azora-central-us'),
  q('svc-altavia-hosted-ehr', 'svc-keygate-sso'),
  inferred('svc-medharbor-hosted-ehr', 'svc-nimbus-us-east', 0.5),
  q('svc-medharbor-hosted-ehr', 'svc-bastion-edr', 0.7),
  // ambulatory EHR
  ...regions('svc-athenix-cloud', 'svc-nimbus-us-east', 'svc-nimbus-us-central'),
  q('svc-athenix-cloud', 'svc-keygate-sso'),
  sbom('svc-athenix-cloud', 'sup-loglight-oss'),
  q('svc-eclinica-cloud', 'svc-azora-east-us'),
  q('svc-eclinica-cloud', 'svc-azora-directory'),
  q('svc-eclinica-cloud', 'svc-vigil-edr'),
  inferred('svc-nextstep-cloud', 'svc-nimbus-us-east'),
  q('svc-nextstep-cloud', 'svc-keygate-sso'),
  // clearinghouses and switches
  attested('svc-clearhouse-one-datacenter', 'svc-keygate-sso'),
  attested('svc-clearhouse-one-datacenter', 'svc-vigil-edr'),
  q('svc-clearhouse-one-claims', 'svc-clearhouse-one-datacenter', 0.9),
  q('svc-clearhouse-one-eligibility', 'svc-clearhouse-one-datacenter', 0.9),
  q('svc-clearhouse-one-rx-switch', 'svc-clearhouse-one-datacenter', 0.9),
  sbom('svc-clearhouse-one-claims', 'sup-loglight-oss'),
  q('svc-availpoint-claims', 'svc-nimbus-us-east'),
  q('svc-availpoint-eligibility', 'svc-nimbus-us-east'),
  q('svc-availpoint-claims', 'svc-keygate-sso'),
  q('svc-availpoint-eligibility', 'svc-keygate-sso'),
  ...regions('svc-wayfare-claims', 'svc-azora-east-us', 'svc-azora-central-us'),
  ...regions('svc-wayfare-eligibility', 'svc-azora-east-us', 'svc-azora-central-us'),
  q('svc-wayfare-claims', 'svc-azora-directory'),
  q('svc-wayfare-eligibility', 'svc-azora-directory'),
  q('svc-wayfare-claims', 'svc-vigil-edr'),
  inferred('svc-trizenith-claims', 'svc-orbital-us-central'),
  inferred('svc-trizenith-eligibility', 'svc-orbital-us-central'),
  q('svc-trizenith-claims', 'svc-bastion-edr'),
  q('svc-relayrx-switch', 'svc-nimbus-us-central'),
  q('svc-relayrx-switch', 'svc-keygate-sso'),
  ...regions('svc-scriptnet-erx', 'svc-nimbus-us-east', 'svc-orbital-us-east'),
  q('svc-scriptnet-erx', 'svc-keygate-sso'),
  q('svc-scriptnet-erx', 'svc-vigil-edr'),
  q('svc-rxmaster-cloud', 'svc-nimbus-us-east'),
  q('svc-rxmaster-cloud', 'svc-vigil-edr'),
  sbom('svc-rxmaster-cloud', 'sup-loglight-oss'),
  inferred('svc-pharmalink-cloud', 'svc-azora-east-us'),
  q('svc-pharmalink-cloud', 'svc-keygate-sso'),
  inferred('svc-scriptworks-cloud', 'svc-orbital-us-central'),
  q('svc-scriptworks-cloud', 'svc-vigil-edr'),
  // clinical technology
  q('svc-labsphere-cloud-lis', 'svc-azora-central-us'),
  q('svc-labsphere-cloud-lis', 'svc-keygate-sso'),
  q('svc-vistara-cloud-pacs', 'svc-orbital-us-central'),
  q('svc-vistara-cloud-pacs', 'svc-vigil-edr'),
  sbom('svc-vistara-cloud-pacs', 'sup-cryptkit-oss'),
  inferred('svc-nightray-reads', 'svc-nimbus-us-east'),
  q('svc-nightray-reads', 'svc-keygate-sso'),
  q('svc-medispense-cloud', 'svc-azora-east-us'),
  q('svc-medispense-cloud', 'svc-vigil-edr'),
  q('svc-voxcall-clinical-comms', 'svc-nimbus-us-east'),
  q('svc-voxcall-clinical-comms', 'svc-keygate-sso'),
  q('svc-voxcall-clinical-comms', 'svc-northstar-wireless', 0.9, { notes: 'paging and cellular delivery' }),
  q('svc-rosterpoint-scheduling', 'svc-nimbus-us-east'),
  q('svc-rosterpoint-scheduling', 'svc-keygate-sso'),
  q('svc-apex-rcm', 'svc-azora-east-us'),
  q('svc-apex-rcm', 'svc-keygate-sso'),
  attested('svc-apex-rcm', 'svc-vigil-edr'),
  q('svc-hemalink-becs', 'svc-nimbus-us-east'),
  q('svc-hemalink-becs', 'svc-keygate-sso'),
  q('svc-hemalink-becs', 'svc-vigil-edr'),
  sbom('svc-hemalink-becs', 'sup-cryptkit-oss'),
  inferred('svc-rapid-courier', 'svc-northstar-wireless', 0.5),
  // long tail
  q('svc-voicechart-dictation', 'svc-azora-east-us'),
  q('svc-voicechart-dictation', 'svc-azora-directory'),
  inferred('svc-scribewell-dictation', 'svc-nimbus-us-east'),
  q('svc-carelink-telehealth', 'svc-nimbus-us-east'),
  q('svc-carelink-telehealth', 'svc-keygate-sso'),
  inferred('svc-visitnow-telehealth', 'svc-orbital-us-central'),
  inferred('svc-faxpoint-cloud-fax', 'svc-nimbus-us-east'),
  q('svc-docuvault-documents', 'svc-nimbus-us-east'),
  q('svc-docuvault-documents', 'svc-keygate-sso'),
  q('svc-patientpath-engagement', 'svc-nimbus-us-central'),
  q('svc-patientpath-engagement', 'svc-keygate-sso'),
  q('svc-northbridge-managed-it-rmm', 'svc-remotebridge-gateway', 0.7),
  q('svc-northbridge-managed-it-rmm', 'svc-vigil-edr', 0.7),
  inferred('svc-clinicit-managed-it', 'svc-azora-east-us', 0.5),
  inferred('svc-remotebridge-gateway', 'svc-nimbus-us-east'),
  attested('svc-clearhouse-one-datacenter', 'svc-remotebridge-gateway', 0.6),
  // enterprise
  q('svc-sapphire-erp-cloud', 'svc-azora-east-us'),
  q('svc-sapphire-erp-cloud', 'svc-azora-directory'),
  q('svc-facetrix-core-cloud', 'svc-azora-central-us'),
  q('svc-facetrix-core-cloud', 'svc-keygate-sso'),
  q('svc-planedge-core-cloud', 'svc-nimbus-us-east'),
  q('svc-planedge-core-cloud', 'svc-keygate-sso'),
  q('svc-nephrochart-cloud', 'svc-nimbus-us-east'),
  q('svc-nephrochart-cloud', 'svc-keygate-sso'),
  q('svc-nephrochart-cloud', 'svc-vigil-edr'),
  q('svc-civichealth-surveillance', 'svc-azora-east-us'),
  q('svc-civichealth-surveillance', 'svc-azora-directory'),
  inferred('svc-vitalnet-edrs', 'svc-azora-central-us'),
  q('svc-orion-hie-platform', 'svc-orbital-us-central'),
  q('svc-orion-hie-platform', 'svc-keygate-sso'),
];
