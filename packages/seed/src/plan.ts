// The plan of one generated ecosystem: what is global to it (categories, roles,
// suppliers and their popularity); small, O(suppliers + services).
import {
  CATEGORIES,
  type CategorySpec,
  MEAN_ENTITIES_PER_ORG,
  NAME_A,
  NAME_B,
  NICHE_CATEGORY_COUNT,
  PROVIDERS,
  type ProviderType,
  type RoleSpec,
  SUPPLIER_SHARE,
  TAG_PLAN,
} from './parameters';
import { Rng, Zipf, hashSeed } from './prng';
export interface GenerateOptions {
  /** Target number of entities (organisations, suppliers, services, assets, workflows, critical functions). */
  entities: number;
  seed: number;
}

export function word(rng: Rng): string {
  return rng.pick(NAME_A) + rng.pick(NAME_B);
}

export interface Category {
  spec: CategorySpec;
  supplierStart: number;
  supplierCount: number;
}

export interface Role {
  spec: RoleSpec;
  category: Category;
  /** All service indices of the role. */
  services: number[];
  /** Per supplier of the category (most popular first): its services of this role. */
  bySupplier: number[][];
  /** Popularity of the category's suppliers. */
  supplierZipf: Zipf;
}

export interface Provider {
  type: ProviderType;
  start: number;
  count: number;
  zipf: Zipf;
}

/** Everything that is global to one generated ecosystem; small (O(suppliers + services)). */
export class Plan {
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
