// Data quality: what weakens the map's answers (issue 13): entities and dependencies
// whose absence or doubt the analyses cannot see. Each check is one named Cypher query
// (cypher/queries/quality) returning how many and the first few, run together in one
// read transaction so the counts describe one state of the map.
import neo4j from 'neo4j-driver';
import { cypher } from './cypher';
import type { Store } from './store';

export const DATA_QUALITY_CHECKS = [
  'WORKFLOWS_WITHOUT_FUNCTION',
  'WORKFLOWS_WITHOUT_DEPENDENCIES',
  'ORGANIZATIONS_WITHOUT_WORKFLOWS',
  'SERVICES_WITHOUT_DEPENDENTS',
  'SUPPLIERS_WITHOUT_SERVICES',
  'LOW_CONFIDENCE_DEPENDENCIES',
  'UNCONFIRMED_ENTITIES',
  'SINGLE_SOURCE_SUPPLIERS',
] as const;
export type DataQualityCheck = (typeof DATA_QUALITY_CHECKS)[number];

const CHECKS: Record<DataQualityCheck, { query: string; title: string; why: string }> = {
  WORKFLOWS_WITHOUT_FUNCTION: {
    query: 'queries/quality/workflows-without-function',
    title: 'Workflows without a critical function',
    why: 'No critical function counts them, so their failure is missing from every capacity-loss figure.',
  },
  WORKFLOWS_WITHOUT_DEPENDENCIES: {
    query: 'queries/quality/workflows-without-dependencies',
    title: 'Workflows that depend on nothing',
    why: 'They look immune to every third party; usually their dependencies were not mapped.',
  },
  ORGANIZATIONS_WITHOUT_WORKFLOWS: {
    query: 'queries/quality/organizations-without-workflows',
    title: 'Organizations without workflows',
    why: 'No outage can affect them in an analysis: nothing of theirs is mapped.',
  },
  SERVICES_WITHOUT_DEPENDENTS: {
    query: 'queries/quality/services-without-dependents',
    title: 'Services nothing depends on',
    why: 'In the catalogue but in no one’s dependencies: stale, or the submissions that use them are missing.',
  },
  SUPPLIERS_WITHOUT_SERVICES: {
    query: 'queries/quality/suppliers-without-services',
    title: 'Suppliers with no service and no dependents',
    why: 'They cannot carry any risk in the analyses.',
  },
  LOW_CONFIDENCE_DEPENDENCIES: {
    query: 'queries/quality/low-confidence-dependencies',
    title: 'Dependencies recorded with low confidence',
    why: 'The analyses treat them as certain; confirming them makes the answers trustworthy.',
  },
  UNCONFIRMED_ENTITIES: {
    query: 'queries/quality/unconfirmed-entities',
    title: 'Entities not confirmed for a long time',
    why: 'No submission has asserted them since: they may have changed or gone.',
  },
  SINGLE_SOURCE_SUPPLIERS: {
    query: 'queries/quality/single-source-suppliers',
    title: 'Suppliers whose dependents all come from one submission',
    why: 'One organization’s word is all the map has on them: their systemic risk rests on a single source.',
  },
};

/** One entity a check found: its id, and what about it where the entity alone does not say. */
export interface DataQualitySampleRecord {
  id: string;
  detail: string | null;
}

export interface DataQualityFinding {
  check: DataQualityCheck;
  title: string;
  why: string;
  count: number;
  /** The first entities concerned, by id (least confident first for dependencies). */
  samples: DataQualitySampleRecord[];
}

/** Below this confidence a dependency is reported as low-confidence. */
export const LOW_CONFIDENCE = 0.5;
/** Entities last confirmed more than this many days ago are reported (UNCONFIRMED_ENTITIES). */
export const UNCONFIRMED_DAYS = 365;

export async function dataQuality(
  store: Store,
  /** `organizations`: a scoped reader's (issue 19): only their organizations' rows and the catalogue. */
  opts: {
    samples?: number;
    organizations?: readonly string[] | null;
    unconfirmedDays?: number;
    now?: Date;
  } = {},
): Promise<DataQualityFinding[]> {
  const limit = neo4j.int(opts.samples ?? 10);
  const orgs = opts.organizations ? [...opts.organizations] : null;
  // Submission dates are YYYY-MM-DD: the day `unconfirmedDays` before today (UTC).
  const days = opts.unconfirmedDays ?? UNCONFIRMED_DAYS;
  const before = new Date((opts.now ?? new Date()).getTime() - days * 86_400_000).toISOString().slice(0, 10);
  return store.read(async (tx) => {
    const out: DataQualityFinding[] = [];
    for (const check of DATA_QUALITY_CHECKS) {
      const c = CHECKS[check];
      const res = await tx.run(cypher(c.query), { limit, threshold: LOW_CONFIDENCE, orgs, before });
      const r = res.records[0];
      out.push({
        check,
        title: c.title,
        why: c.why,
        count: neo4j.integer.toNumber(r?.get('count') ?? 0),
        samples: (r?.get('samples') ?? []) as DataQualitySampleRecord[],
      });
    }
    return out;
  });
}
