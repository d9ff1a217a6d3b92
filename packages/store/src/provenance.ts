// Submissions and provenance (issue 13 item 3, DESIGN.md §2 "Provenance"). A submission
// is a (:Submission) node; an entity or a DEPENDS_ON edge lists the ids of the
// submissions that asserted it in its `submissions` property, in the order they did.
// So recording a submission costs one node plus one property write per asserted row,
// and the provenance moves, is snapshotted, backed up and restored with its row.
import { randomUUID } from 'node:crypto';
import {
  dependencyKey,
  type ProvenanceTable,
  type SubmissionInput,
  type SubmissionRecord,
  parseSubmission,
} from '@smart/domain';

export { dependencyKey };
import neo4j from 'neo4j-driver';
import { cypher } from './cypher';
import { EditError } from './edits';
import type { Store } from './store';

/**
 * The submission an import is recorded as: its fields checked (EditError on
 * `<prefix>.<field>`), the date defaulted to today (UTC), a new id.
 */
export function checkSubmission(
  input: SubmissionInput,
  actor: string,
  prefix = 'submission',
  now: Date = new Date(),
): SubmissionRecord {
  const parsed = parseSubmission(input, now.toISOString().slice(0, 10));
  if (!parsed.ok) throw new EditError(`${prefix}.${parsed.problem.field}`, parsed.problem.message);
  return {
    id: `sub-${parsed.value.date}-${randomUUID().slice(0, 8)}`,
    ...parsed.value,
    recordedAt: now.toISOString(),
    actor,
  };
}

/** One submission's assertion of a row, as the API's provenance lists it. */
export interface ProvenanceRecord {
  submission: SubmissionRecord;
  /** When this submission asserted the row: the submission's date. */
  assertedAt: string;
  /** When the row was last confirmed: the latest date of all its submissions. */
  confirmedAt: string;
}

const submissionOf = (v: unknown): SubmissionRecord => {
  const s = v as Record<string, unknown>;
  return {
    id: s.id as string,
    contributor: s.contributor as string,
    contact: (s.contact as string | undefined) ?? null,
    date: s.date as string,
    note: (s.note as string | undefined) ?? null,
    recordedAt: (s.recordedAt as string | undefined) ?? null,
    actor: (s.actor as string | undefined) ?? null,
  };
};

function records(subs: SubmissionRecord[]): ProvenanceRecord[] {
  // Dates are YYYY-MM-DD: the latest sorts last.
  const confirmedAt =
    subs
      .map((s) => s.date)
      .sort()
      .at(-1) ?? '';
  return subs.map((submission) => ({ submission, assertedAt: submission.date, confirmedAt }));
}

/** The provenance of each of `ids` (an id nobody asserted has none). */
export async function entityProvenance(
  store: Store,
  ids: readonly string[],
): Promise<Map<string, ProvenanceRecord[]>> {
  const rows = await store.read(
    async (tx) =>
      (await tx.run(cypher('queries/provenance/of-entities'), { ids: [...new Set(ids)] })).records,
  );
  const subs = new Map<string, SubmissionRecord[]>();
  for (const r of rows) {
    const id = r.get('id') as string;
    subs.set(id, [...(subs.get(id) ?? []), submissionOf(r.get('submission'))]);
  }
  return new Map([...subs].map(([id, s]) => [id, records(s)]));
}

/** The provenance of each dependency of `edges`, keyed `from → to` (dependencyKey). */
export async function dependencyProvenance(
  store: Store,
  edges: readonly { from: string; to: string }[],
): Promise<Map<string, ProvenanceRecord[]>> {
  const rows = await store.read(
    async (tx) =>
      (
        await tx.run(cypher('queries/provenance/of-dependencies'), {
          rows: edges.map(({ from, to }) => ({ from, to })),
        })
      ).records,
  );
  const subs = new Map<string, SubmissionRecord[]>();
  for (const r of rows) {
    const key = dependencyKey(r.get('from') as string, r.get('to') as string);
    subs.set(key, [...(subs.get(key) ?? []), submissionOf(r.get('submission'))]);
  }
  return new Map([...subs].map(([k, s]) => [k, records(s)]));
}

/** The provenance of the whole map (every submission and every asserted row), for an export. */
export async function exportProvenance(store: Store, page = 20_000): Promise<ProvenanceTable> {
  const submissions = (
    await store.read(async (tx) => (await tx.run(cypher('queries/provenance/submissions'))).records)
  ).map((r) => submissionOf(r.get('submission')));
  const out: ProvenanceTable = { submissions, entities: [], dependencies: [] };
  for (const [query, key] of [
    ['queries/provenance/entity-assertions', 'id'],
    ['queries/provenance/dependency-assertions', 'from'],
  ] as const) {
    let after = '';
    for (;;) {
      const rows = await store.read(
        async (tx) => (await tx.run(cypher(query), { after, limit: neo4j.int(page) })).records,
      );
      for (const r of rows) {
        if (key === 'id') out.entities.push({ id: r.get('id'), submissions: r.get('submissions') });
        else
          for (const d of (r.get('deps') as { to: string; submissions: string[] }[]).sort((a, b) =>
            a.to < b.to ? -1 : 1,
          ))
            out.dependencies.push({ from: r.get('from'), to: d.to, submissions: d.submissions });
      }
      if (rows.length < page) break;
      after = rows[rows.length - 1]!.get(key) as string;
    }
  }
  return out;
}
