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
import { BUILD } from './archetypes';
import { type GeneratedRow, OrgEmitter, compactRow } from './emitter';
import {
  CONSUMERS,
  type ConsumerType,
  type OrgType,
  TAG_ORG,
  TAG_SERVICE,
  TAG_SUPPLIER,
  VENDOR_SOURCES,
} from './parameters';
import { type Category, type GenerateOptions, Plan, type Role, word } from './plan';
import type { CriticalFunctionRow, DependencyRow, Template } from '@smart/domain';
import { emptyTemplate } from '@smart/domain';
import { hashSeed, Rng } from './prng';
import { CRITICAL_FUNCTIONS, WORKFLOW_PROFILES as P } from './profiles';

export type { GenerateOptions } from './plan';
export type { GeneratedRow } from './emitter';

export const SIZES = { S: 10_000, M: 100_000, L: 1_000_000 } as const;
export type SizeName = keyof typeof SIZES;

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
