// Accumulates a Template row by row, refusing duplicate ids across kinds, and
// writes only the fields that have a value (so a row equals what a reader parses
// back from the file, where blank cells are undefined).
import {
  emptyTemplate,
  type AssetRow,
  type CriticalFunctionRow,
  type DependencySource,
  type DependencyRow,
  type OrganizationRow,
  type ServiceRow,
  type SupplierRow,
  type Template,
  type WorkflowRow,
} from '@smart/domain';
import type { Rng } from './prng';
import type { WorkflowProfile } from './profiles';

export interface DepOptions {
  group?: string;
  strength?: number;
  source?: DependencySource;
  confidence?: number;
  notes?: string;
}

/** Drops undefined fields. */
export function compact<T extends object>(row: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** Lower-case, ASCII, hyphen-separated form of a name, for ids. */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’.]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export class TemplateBuilder {
  readonly t: Template = emptyTemplate();
  private readonly ids = new Set<string>();

  private claim(id: string): string {
    if (this.ids.has(id)) throw new Error(`duplicate id ${id}`);
    this.ids.add(id);
    return id;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  organization(row: OrganizationRow): string {
    this.t.organizations.push(compact(row));
    return this.claim(row.id);
  }

  supplier(row: SupplierRow): string {
    this.t.suppliers.push(compact(row));
    return this.claim(row.id);
  }

  service(row: ServiceRow): string {
    this.t.services.push(compact(row));
    return this.claim(row.id);
  }

  asset(row: AssetRow): string {
    this.t.assets.push(compact(row));
    return this.claim(row.id);
  }

  workflow(row: WorkflowRow): string {
    this.t.workflows.push(compact(row));
    return this.claim(row.id);
  }

  criticalFunction(row: CriticalFunctionRow): string {
    this.t.criticalFunctions.push(compact(row));
    return this.claim(row.id);
  }

  supports(workflowId: string, functionId: string): void {
    this.t.workflowFunctions.push({ workflowId, functionId });
  }

  dep(from: string, to: string, opts: DepOptions = {}): void {
    if (from === to) throw new Error(`self-dependency ${from}`);
    const row: DependencyRow = compact({ from, to, ...opts });
    this.t.dependencies.push(row);
  }

  /**
   * One workflow of an organisation from a sector-workflow profile: tolerance and
   * workaround drawn from the profile's ranges; the workflow supports the profile's
   * critical functions (or `functions` when given).
   */
  workflowFromProfile(
    rng: Rng,
    orgId: string,
    profile: WorkflowProfile,
    volumePerDay: number,
    extra: {
      name?: string;
      functions?: readonly string[];
      notes?: string;
      toleranceHours?: number;
      volumeUnit?: string;
    } = {},
  ): string {
    const orgSlug = orgId.replace(/^org-/, '');
    const id = `wf-${orgSlug}-${profile.code}`;
    const [tLo, tHi] = profile.tolerance;
    const [wLo, wHi] = profile.workaround;
    this.workflow({
      id,
      name: extra.name ?? profile.name,
      organizationId: orgId,
      category: profile.category,
      sectorWorkflow: profile.sectorWorkflow,
      criticality: profile.criticality,
      toleranceHours: extra.toleranceHours ?? rng.int(tLo, tHi),
      workaroundCapacity: rng.real(wLo, wHi),
      volumePerDay: Math.max(1, Math.round(volumePerDay)),
      volumeUnit: extra.volumeUnit ?? profile.volumeUnit,
      notes: extra.notes,
    });
    for (const f of extra.functions ?? profile.functions) this.supports(id, f);
    return id;
  }
}

/**
 * A shuffled deck with exact counts per option (largest-remainder rounding of
 * `shares`), so that market shares in the demo come out as specified rather than
 * as a random draw around them. Drawing more cards than the deck holds throws.
 */
export class Deck<T> {
  private readonly cards: T[];
  private next = 0;

  constructor(rng: Rng, size: number, shares: readonly (readonly [T, number])[]) {
    const total = shares.reduce((s, [, w]) => s + w, 0);
    const exact = shares.map(([v, w]) => ({ v, x: (w / total) * size }));
    const counts = exact.map((e) => Math.floor(e.x));
    let left = size - counts.reduce((a, b) => a + b, 0);
    const order = exact
      .map((e, i) => ({ i, r: e.x - Math.floor(e.x) }))
      .sort((a, b) => b.r - a.r || a.i - b.i);
    for (const { i } of order) {
      if (left <= 0) break;
      counts[i] = (counts[i] ?? 0) + 1;
      left--;
    }
    const cards: T[] = [];
    exact.forEach((e, i) => {
      for (let k = 0; k < (counts[i] ?? 0); k++) cards.push(e.v);
    });
    this.cards = rng.shuffle(cards);
  }

  draw(): T {
    const c = this.cards[this.next++];
    if (c === undefined) throw new Error('deck exhausted');
    return c;
  }

  get remaining(): number {
    return this.cards.length - this.next;
  }
}
