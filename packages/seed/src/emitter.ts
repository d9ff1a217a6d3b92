// Collects the rows of one organisation (or one service) as an archetype emits them.
import {
  CONTRACT_SOURCES,
  NAME_SUFFIX,
  NICHE_ASSET,
  NICHE_PER_ASSET,
  NICHE_PER_WORKFLOW,
  NICHE_WF,
  type OrgType,
  type ProviderType,
  REGIONS,
  SUBSECTOR,
  TYPE_LABEL,
} from './parameters';
import { type Plan, type Provider, word } from './plan';
import type { Rng } from './prng';
import { WORKFLOW_PROFILES as P, type WorkflowProfile } from './profiles';
import type { DependencyRow, OrganizationRow, Template, TemplateTableName } from '@smart/domain';
/** One row of one table, as `generateRows` yields them. */
export type GeneratedRow = {
  [T in TemplateTableName]: { table: T; row: Template[T][number] };
}[TemplateTableName];

/** Collects the rows of one organisation (or one service), then hands them out. */
export class OrgEmitter {
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

export function compactRow<T extends object>(row: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (v !== undefined) out[k] = v;
  return out as T;
}
