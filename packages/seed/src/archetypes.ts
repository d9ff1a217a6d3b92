// The organisation archetypes: what a hospital, a clinic, a payer… depends on.
import type { OrgEmitter } from './emitter';
import type { OrgType } from './parameters';
import type { Provider } from './plan';
import type { Rng } from './prng';
import { WORKFLOW_PROFILES as P } from './profiles';
import type { OrganizationSize } from '@smart/domain';
export const sizeOfBeds = (beds: number): OrganizationSize =>
  beds < 100 ? 'SMALL' : beds < 300 ? 'MEDIUM' : 'LARGE';

export function hospitalBeds(rng: Rng): number {
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

export function hospital(e: OrgEmitter): void {
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

export function clinic(e: OrgEmitter): void {
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

export function dialysis(e: OrgEmitter): void {
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

export function pharmacy(e: OrgEmitter): void {
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

export function pbm(e: OrgEmitter): void {
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

export function bloodCenter(e: OrgEmitter): void {
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

export function lab(e: OrgEmitter): void {
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

export function distributor(e: OrgEmitter): void {
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

export function manufacturer(e: OrgEmitter): void {
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

export function payer(e: OrgEmitter): void {
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

export function publicHealth(e: OrgEmitter): void {
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

export function hie(e: OrgEmitter): void {
  const org = e.org('hie', { size: 'SMALL' });
  const platform = e.asset(org, 'platform', 'HIE platform', 'Interoperability platform');
  e.service(platform, 'interop');
  const wf = e.workflow(org, P.hie, e.rng.int(20_000, 400_000));
  e.dep(wf, platform);
}

export function massFatality(e: OrgEmitter): void {
  const org = e.org('mass-fatality', { size: 'SMALL' });
  const morgue = e.asset(org, 'morgue-refrigeration', 'Morgue refrigeration', 'Cold storage');
  e.service(morgue, 'power');
  const wf = e.workflow(org, P.decedent, e.rng.int(2, 40));
  e.dep(wf, morgue);
  e.service(wf, 'vital-records');
}

export const BUILD: Record<OrgType, (e: OrgEmitter) => void> = {
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
