import { DEPENDENCY_SOURCES, SUBSECTORS, type Template } from '@smart/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoEcosystem } from '../src/demo';
import { ecosystemStats, kindIndex } from '../src/stats';
import { plain, readBack } from './helpers';

let t: Template;
beforeAll(() => {
  t = demoEcosystem();
});

const orgOf = (t: Template) => new Map(t.organizations.map((o) => [o.id, o]));
const supplierOfService = (t: Template) => new Map(t.services.map((s) => [s.id, s.supplierId]));
const depsFrom = (t: Template) => {
  const m = new Map<string, typeof t.dependencies>();
  for (const d of t.dependencies) {
    const list = m.get(d.from) ?? [];
    list.push(d);
    m.set(d.from, list);
  }
  return m;
};
const workflowsOf = (t: Template, sectorWorkflow: string) =>
  t.workflows.filter((w) => w.sectorWorkflow === sectorWorkflow);

describe('demo ecosystem', () => {
  it('is deterministic', () => {
    expect(demoEcosystem()).toEqual(t);
    expect(JSON.stringify(demoEcosystem())).toBe(JSON.stringify(t));
  });

  it("passes the importer's template rules: written and read back, no problems and equal", async () => {
    const { template, problems } = await readBack(t);
    expect(problems).toEqual([]);
    expect(plain(template)).toEqual(plain(t));
  });

  it('has human-readable ids with a kind prefix', () => {
    const prefix = {
      ORGANIZATION: 'org',
      SUPPLIER: 'sup',
      SERVICE: 'svc',
      ASSET: 'asset',
      WORKFLOW: 'wf',
      CRITICAL_FUNCTION: 'cf',
    };
    for (const [id, kind] of kindIndex(t))
      expect(id).toMatch(new RegExp(`^${prefix[kind]}-[a-z0-9]+(-[a-z0-9]+)*$`));
  });

  it('has about 300 organisations of every subsector', () => {
    expect(t.organizations.length).toBeGreaterThanOrEqual(250);
    expect(t.organizations.length).toBeLessThanOrEqual(350);
    const subsectors = new Set(t.organizations.map((o) => o.subsector));
    for (const s of SUBSECTORS) expect(subsectors).toContain(s);
    const hospitals = t.organizations.filter((o) => o.type === 'Acute care hospital');
    expect(hospitals.length).toBeGreaterThanOrEqual(50);
    for (const h of hospitals) {
      expect(h.beds).toBeGreaterThan(0);
      expect(h.size).toBeDefined();
    }
  });

  it('gives EHR vendors about 42 / 23 / 15 % of acute-care hospitals, the rest over 2–3 vendors', () => {
    const orgs = orgOf(t);
    const svcSup = supplierOfService(t);
    const deps = depsFrom(t);
    const vendorOf = new Map<string, string>();
    for (const a of t.assets) {
      if (a.type !== 'EHR' || orgs.get(a.organizationId)?.type !== 'Acute care hospital') continue;
      const vendor = /vendor (sup-[a-z0-9-]+)/.exec(a.notes ?? '')?.[1];
      expect(vendor, a.id).toBeDefined();
      vendorOf.set(a.organizationId, vendor as string);
      // A vendor-hosted instance depends on a service of that vendor.
      if (a.notes?.includes('vendor-hosted')) {
        const hosts = (deps.get(a.id) ?? []).map((d) => svcSup.get(d.to)).filter(Boolean);
        expect(hosts).toContain(vendor);
      }
    }
    const hospitals = t.organizations.filter((o) => o.type === 'Acute care hospital');
    expect(vendorOf.size).toBe(hospitals.length);
    const counts = new Map<string, number>();
    for (const v of vendorOf.values()) counts.set(v, (counts.get(v) ?? 0) + 1);
    const shares = [...counts.values()].map((c) => c / hospitals.length).sort((a, b) => b - a);
    expect(Math.abs((shares[0] ?? 0) - 0.42)).toBeLessThan(0.03);
    expect(Math.abs((shares[1] ?? 0) - 0.23)).toBeLessThan(0.03);
    expect(Math.abs((shares[2] ?? 0) - 0.15)).toBeLessThan(0.03);
    expect(shares.length - 3).toBeGreaterThanOrEqual(2);
    expect(shares.length - 3).toBeLessThanOrEqual(3);
    expect(counts.get('sup-epoch-health-records')).toBe(Math.max(...counts.values()));
  });

  it('routes 45–55 % of claims workflows through the dominant clearinghouse; a minority has a backup', () => {
    const svcSup = supplierOfService(t);
    const deps = depsFrom(t);
    const claims = workflowsOf(t, 'Claims and payments');
    expect(claims.length).toBeGreaterThan(150);
    const viaOne = claims.filter((w) =>
      (deps.get(w.id) ?? []).some((d) => svcSup.get(d.to) === 'sup-clearhouse-one'),
    ).length;
    expect(viaOne / claims.length).toBeGreaterThanOrEqual(0.45);
    expect(viaOne / claims.length).toBeLessThanOrEqual(0.55);
    const withBackup = claims.filter((w) =>
      (deps.get(w.id) ?? []).some((d) => d.group === 'clearinghouse'),
    ).length;
    expect(withBackup).toBeGreaterThan(0);
    expect(withBackup / claims.length).toBeLessThan(0.3);
  });

  it('gives the top three PBMs at least 75 % of prescription volume', () => {
    const orgs = orgOf(t);
    const wfOrg = new Map(t.workflows.map((w) => [w.id, w.organizationId]));
    const deps = depsFrom(t);
    const byPbm = new Map<string, number>();
    let total = 0;
    for (const w of workflowsOf(t, 'Pharmacy benefit management')) {
      if (orgs.get(w.organizationId)?.type === 'Pharmacy benefit manager') continue;
      const pbm = (deps.get(w.id) ?? [])
        .map((d) => orgs.get(wfOrg.get(d.to) ?? ''))
        .find((o) => o?.type === 'Pharmacy benefit manager');
      expect(pbm, w.id).toBeDefined();
      byPbm.set(pbm!.id, (byPbm.get(pbm!.id) ?? 0) + (w.volumePerDay ?? 0));
      total += w.volumePerDay ?? 0;
    }
    const top = [...byPbm.values()].sort((a, b) => b - a);
    const top3 = ((top[0] ?? 0) + (top[1] ?? 0) + (top[2] ?? 0)) / total;
    expect(top3).toBeGreaterThanOrEqual(0.75);
    expect(top3).toBeLessThanOrEqual(0.85);
    // The PBMs' own adjudication volume is the sum routed to them.
    for (const [pbm, volume] of byPbm) {
      const own = t.workflows.find(
        (w) => w.organizationId === pbm && w.sectorWorkflow === 'Pharmacy benefit management',
      );
      expect(own?.volumePerDay).toBe(volume);
    }
  });

  it('has one IV-fluid plant supplying about 60 % of hospitals', () => {
    const deps = depsFrom(t);
    const iv = workflowsOf(t, 'Medication administration (IV fluids)');
    const share =
      iv.filter((w) => (deps.get(w.id) ?? []).some((d) => d.to === 'svc-clearwater-north-fork-iv')).length /
      iv.length;
    expect(share).toBeGreaterThanOrEqual(0.55);
    expect(share).toBeLessThanOrEqual(0.65);
    const volume = (pred: (w: (typeof iv)[number]) => boolean) =>
      iv.filter(pred).reduce((s, w) => s + (w.volumePerDay ?? 0), 0);
    const volShare =
      volume((w) => (deps.get(w.id) ?? []).some((d) => d.to === 'svc-clearwater-north-fork-iv')) /
      volume(() => true);
    expect(volShare).toBeGreaterThan(0.45);
    expect(volShare).toBeLessThan(0.75);
    // The plant's service depends on the plant's manufacturing workflow.
    expect(deps.get('svc-clearwater-north-fork-iv')?.map((d) => d.to)).toContain(
      'wf-clearwater-north-fork-plant-manufacturing',
    );
  });

  it("makes the regional blood centre the dominant supplier of hospitals' transfusions", () => {
    const deps = depsFrom(t);
    const transfusions = t.workflows.filter((w) => w.id.endsWith('-blood-transfusion'));
    const center = transfusions.filter((w) =>
      (deps.get(w.id) ?? []).some((d) => d.to === 'wf-northbridge-regional-blood-center-blood-distribution'),
    );
    expect(center.length / transfusions.length).toBeGreaterThanOrEqual(0.8);
  });

  it('concentrates cloud hosting on three providers and hides identity and EDR as fourth parties', () => {
    const svcSup = supplierOfService(t);
    const kinds = kindIndex(t);
    const clouds = new Set(['sup-nimbus-cloud', 'sup-azora-cloud', 'sup-orbital-cloud']);
    const onCloud = new Set(
      t.dependencies
        .filter((d) => kinds.get(d.from) === 'SERVICE' && clouds.has(svcSup.get(d.to) ?? ''))
        .map((d) => d.from),
    );
    expect(onCloud.size).toBeGreaterThanOrEqual(30);
    for (const fourth of ['svc-keygate-sso', 'svc-vigil-edr']) {
      const users = t.dependencies.filter((d) => d.to === fourth);
      expect(users.length).toBeGreaterThanOrEqual(10);
      for (const d of users) expect(kinds.get(d.from)).toBe('SERVICE');
    }
  });

  it('records where dependencies come from, with confidence', () => {
    for (const source of DEPENDENCY_SOURCES) {
      const edges = t.dependencies.filter((d) => d.source === source);
      expect(edges.length, source).toBeGreaterThan(0);
      for (const d of edges) expect(d.confidence).toBeDefined();
    }
  });

  it('gives workflows realistic tolerances, workaround capacity and volumes', () => {
    const range = (sw: string) => {
      const hs = workflowsOf(t, sw).map((w) => w.toleranceHours as number);
      return [Math.min(...hs), Math.max(...hs)];
    };
    const [cLo, cHi] = range('Claims and payments');
    expect(cLo).toBeGreaterThanOrEqual(48);
    expect(cHi).toBeLessThanOrEqual(96);
    const [eLo, eHi] = range('Emergency care');
    expect(eLo).toBeGreaterThanOrEqual(1);
    expect(eHi).toBeLessThanOrEqual(4);
    const [dLo, dHi] = range('Dialysis');
    expect(dLo).toBeGreaterThanOrEqual(24);
    expect(dHi).toBeLessThanOrEqual(48);
    const [iLo, iHi] = range('Imaging');
    expect(iLo).toBeGreaterThanOrEqual(3);
    expect(iHi).toBeLessThanOrEqual(5);
    const erx = t.workflows
      .filter((w) => w.id.endsWith('-e-prescribing'))
      .map((w) => w.toleranceHours as number);
    expect(Math.min(...erx)).toBeGreaterThanOrEqual(6);
    expect(Math.max(...erx)).toBeLessThanOrEqual(10);
    for (const w of t.workflows) {
      expect(w.criticality).toBeGreaterThanOrEqual(1);
      expect(w.criticality).toBeLessThanOrEqual(5);
      expect(w.workaroundCapacity).toBeGreaterThanOrEqual(0);
      expect(w.workaroundCapacity).toBeLessThanOrEqual(1);
      expect(w.volumePerDay).toBeGreaterThan(0);
      expect(w.volumeUnit).toBeTruthy();
    }
    const categories = new Set(t.workflows.map((w) => w.category));
    expect([...categories].sort()).toEqual(['ADMINISTRATIVE', 'CLINICAL', 'MANUFACTURING']);
  });

  it('maps 8–13 critical functions to National Critical Functions, each supported by workflows', () => {
    expect(t.criticalFunctions.length).toBeGreaterThanOrEqual(8);
    expect(t.criticalFunctions.length).toBeLessThanOrEqual(13);
    const supported = new Set(t.workflowFunctions.map((x) => x.functionId));
    for (const cf of t.criticalFunctions) {
      expect(cf.ncf).toBeTruthy();
      expect(supported.has(cf.id), cf.id).toBe(true);
    }
    const withFunction = new Set(t.workflowFunctions.map((x) => x.workflowId));
    for (const w of t.workflows) expect(withFunction.has(w.id), w.id).toBe(true);
  });

  it('has alternatives on a minority of dependencies', () => {
    const s = ecosystemStats(t);
    expect(s.groupedShare).toBeGreaterThan(0.02);
    expect(s.groupedShare).toBeLessThan(0.2);
    // Every group has at least two members.
    const groups = new Map<string, number>();
    for (const d of t.dependencies)
      if (d.group) groups.set(`${d.from}|${d.group}`, (groups.get(`${d.from}|${d.group}`) ?? 0) + 1);
    for (const [g, n] of groups) expect(n, g).toBeGreaterThanOrEqual(2);
  });
});
