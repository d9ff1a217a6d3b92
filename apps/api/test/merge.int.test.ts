// Merging duplicate entities (issue 13 item 5), against the real Neo4j: the refusals
// (into itself, across kinds, unknown ids, a VIEWER), the preview's accounting (every
// relationship of the merged entities is moved, merged into the survivor's or dropped,
// and nothing else changes: the count of relationships before = after), aliases (a
// lookup or a later import with a merged-away id lands on the survivor), the undo (the
// map comes back exactly) and its refusal after another write.
import { importTemplate as storeImport } from '@smart/store';
import { emptyTemplate } from '@smart/domain';
import { templateToBuffer } from '@smart/templates';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi(store);
});
beforeEach(async () => {
  await resetDatabase(store);
  const t = handBuilt();
  // A dependency straight on the second clearinghouse, so its merge moves a DEPENDS_ON too.
  t.dependencies.push({ from: 'wf-er', to: 'sup-ch2', strength: 0.5, confidence: 0.9, notes: 'direct' });
  await storeImport(store, t, { actor: 'test' });
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

/** Every relationship between entities, as text, sorted (properties included). */
async function relationships(): Promise<string[]> {
  const rows = await store.read(async (tx) =>
    (
      await tx.run(
        'MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props',
      )
    ).records.map(
      (r) => r.toObject() as { a: string; type: string; b: string; props: Record<string, unknown> },
    ),
  );
  const props = (p: Record<string, unknown>) =>
    Object.keys(p)
      .sort()
      .map((k) => `${k}: ${JSON.stringify(p[k])}`)
      .join(', ');
  return rows.map((r) => `${r.a} ${r.type} ${r.b} {${props(r.props)}}`).sort();
}
const touching = (rels: string[], ids: string[]) =>
  rels.filter((l) => {
    const [from, , to] = l.split(' ');
    return ids.includes(from!) || ids.includes(to!);
  });

const PREVIEW = `query P($s: ID!, $o: [ID!]!) { mergePreview(survivor: $s, others: $o) {
  survivor { id } others { id } moved merged dropped survivorRelationships version
  moves { type from to newFrom newTo outcome }
} }`;
const MERGE = `mutation M($s: ID!, $o: [ID!]!, $v: String) { mergeEntities(survivor: $s, others: $o, expectedVersion: $v) { id name } }`;
const UNDO = `mutation U($s: ID!) { undoMerge(survivor: $s) { id name } }`;
const FAILED = `query { impact(input: { failed: [{ id: "sup-ch1" }] }) { summary { workflowsFailed } } }`;

interface Preview {
  mergePreview: {
    moved: number;
    merged: number;
    dropped: number;
    survivorRelationships: number;
    version: string;
    moves: {
      type: string;
      from: string;
      to: string;
      newFrom: string | null;
      newTo: string | null;
      outcome: string;
    }[];
  };
}

describe('mergeEntities', () => {
  it('refuses a merge into itself, across kinds, of unknown ids, and from a VIEWER, with clear messages', async () => {
    const self = await api.gql(MERGE, { s: 'sup-ch1', o: ['sup-ch1'] }, { role: 'ANALYST' });
    expect(self.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(self.errors?.[0]?.message).toBe(
      "others[0]: 'sup-ch1' is the survivor: an entity cannot be merged into itself",
    );
    const kinds = await api.gql(MERGE, { s: 'sup-ch1', o: ['svc-ch2'] }, { role: 'ANALYST' });
    expect(kinds.errors?.[0]?.message).toBe(
      "others[0]: 'svc-ch2' is a SERVICE and 'sup-ch1' a SUPPLIER: only entities of one kind can be merged",
    );
    const unknown = await api.gql(MERGE, { s: 'sup-ch1', o: ['sup-gone'] }, { role: 'ANALYST' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.message).toContain("no entity has id 'sup-gone'");
    const noSurvivor = await api.gql(PREVIEW, { s: 'sup-gone', o: ['sup-ch2'] }, { role: 'ANALYST' });
    expect(noSurvivor.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const empty = await api.gql(MERGE, { s: 'sup-ch1', o: [] }, { role: 'ANALYST' });
    expect(empty.errors?.[0]?.message).toMatch(/^others: name at least one entity/);
    const viewer = await api.gql(MERGE, { s: 'sup-ch1', o: ['sup-ch2'] }, { role: 'VIEWER' });
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const viewerPreview = await api.gql(PREVIEW, { s: 'sup-ch1', o: ['sup-ch2'] }, { role: 'VIEWER' });
    expect(viewerPreview.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Nothing was written by any of them.
    expect(
      (await api.gql<{ entity: { id: string } }>('{ entity(id: "sup-ch2") { id } }')).data!.entity.id,
    ).toBe('sup-ch2');
  });

  it('moves every relationship to the survivor: the count before = after, aliases resolve, undo restores', async () => {
    const before = await relationships();
    const ids = ['sup-ch1', 'sup-ch2'];
    const preview = await api.gql<Preview>(PREVIEW, { s: 'sup-ch1', o: ['sup-ch2'] }, { role: 'ANALYST' });
    expect(preview.errors).toBeUndefined();
    const p = preview.data!.mergePreview;
    expect(p.moves).toEqual([
      {
        type: 'DEPENDS_ON',
        from: 'wf-er',
        to: 'sup-ch2',
        newFrom: 'wf-er',
        newTo: 'sup-ch1',
        outcome: 'MOVED',
      },
      {
        type: 'PROVIDED_BY',
        from: 'svc-ch2',
        to: 'sup-ch2',
        newFrom: 'svc-ch2',
        newTo: 'sup-ch1',
        outcome: 'MOVED',
      },
    ]);
    expect([p.moved, p.merged, p.dropped, p.survivorRelationships]).toEqual([2, 0, 0, 1]);
    expect(
      (await api.gql<{ impact: { summary: { workflowsFailed: number } } }>(FAILED)).data!.impact.summary
        .workflowsFailed,
    ).toBe(1);

    const merged = await api.gql<{ mergeEntities: { id: string; name: string } }>(
      MERGE,
      { s: 'sup-ch1', o: ['sup-ch2'], v: p.version },
      { role: 'ANALYST' },
    );
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.mergeEntities).toEqual({ id: 'sup-ch1', name: 'ClearPath Clearinghouse' });
    const after = await relationships();
    // Count before = after, and each relationship is the same but for the merged end.
    expect(after.length).toBe(before.length);
    expect(touching(after, ['sup-ch1']).length).toBe(touching(before, ids).length);
    expect(after).toEqual(before.map((l) => l.replaceAll('sup-ch2', 'sup-ch1')).sort());
    // The properties moved with the dependency.
    expect(after.find((l) => l.startsWith('wf-er DEPENDS_ON sup-ch1'))).toMatch(/notes: "direct"/);
    // The analyses see the merged supplier: both clearinghouse services and the ER are now on it.
    expect(
      (await api.gql<{ impact: { summary: { workflowsFailed: number } } }>(FAILED)).data!.impact.summary
        .workflowsFailed,
    ).toBe(3);
    // The merged-away id resolves to the survivor.
    const alias = await api.gql<{ entity: { id: string } }>('{ entity(id: "sup-ch2") { id } }');
    expect(alias.data!.entity.id).toBe('sup-ch1');
    const audit = await store.read(async (tx) =>
      (await tx.run("MATCH (e:AuditEvent {action: 'mergeEntities'}) RETURN e.target AS t")).records.map((r) =>
        r.get('t'),
      ),
    );
    expect(audit).toEqual(['sup-ch1']);

    const undone = await api.gql<{ undoMerge: { id: string; name: string }[] }>(
      UNDO,
      { s: 'sup-ch1' },
      { role: 'ANALYST' },
    );
    expect(undone.errors).toBeUndefined();
    expect(undone.data!.undoMerge).toEqual([{ id: 'sup-ch2', name: 'AltClaims Exchange' }]);
    expect(await relationships()).toEqual(before);
    expect(
      (await api.gql<{ entity: { id: string } }>('{ entity(id: "sup-ch2") { id } }')).data!.entity.id,
    ).toBe('sup-ch2');
    expect(
      (await api.gql<{ impact: { summary: { workflowsFailed: number } } }>(FAILED)).data!.impact.summary
        .workflowsFailed,
    ).toBe(1);
    // Consumed: a second undo has nothing to undo.
    const again = await api.gql(UNDO, { s: 'sup-ch1' }, { role: 'ANALYST' });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("merges a duplicate relationship into the survivor's and drops a service's own supplier link", async () => {
    const before = await relationships();
    const preview = await api.gql<Preview>(PREVIEW, { s: 'svc-ch1', o: ['svc-ch2'] }, { role: 'ANALYST' });
    const p = preview.data!.mergePreview;
    expect(p.moves).toEqual([
      { type: 'DEPENDS_ON', from: 'wf-elig', to: 'svc-ch2', newFrom: null, newTo: null, outcome: 'MERGED' },
      {
        type: 'PROVIDED_BY',
        from: 'svc-ch2',
        to: 'sup-ch2',
        newFrom: null,
        newTo: null,
        outcome: 'DROPPED_OWNER',
      },
    ]);
    await api.gql(MERGE, { s: 'svc-ch1', o: ['svc-ch2'], v: p.version }, { role: 'ANALYST' });
    const after = await relationships();
    // Before = after + what the preview said would become one or go.
    expect(before.length).toBe(after.length + p.merged + p.dropped);
    // The survivor's own dependency stands, with its group.
    expect(after.find((l) => l.startsWith('wf-elig DEPENDS_ON svc-ch1'))).toMatch(/group: "ch"/);
    await api.gql(UNDO, { s: 'svc-ch1' }, { role: 'ANALYST' });
    expect(await relationships()).toEqual(before);
  });

  it('refuses a merge whose preview is out of date, and an undo after another write; a later import with the alias lands on the survivor', async () => {
    const p = (await api.gql<Preview>(PREVIEW, { s: 'sup-ch1', o: ['sup-ch2'] }, { role: 'ANALYST' })).data!
      .mergePreview;
    const edit = await api.gql(
      'mutation { addDependency(input: { from: "wf-claims", to: "sup-ch2" }) { from { id } } }',
      {},
      { role: 'ANALYST' },
    );
    expect(edit.errors).toBeUndefined();
    const stale = await api.gql(MERGE, { s: 'sup-ch1', o: ['sup-ch2'], v: p.version }, { role: 'ANALYST' });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(stale.errors?.[0]?.message).toMatch(
      /^expectedVersion: what this merge moves changed since the preview/,
    );
    expect((await api.gql('{ entity(id: "sup-ch2") { id } }')).data).toEqual({ entity: { id: 'sup-ch2' } });

    expect(
      (await api.gql(MERGE, { s: 'sup-ch1', o: ['sup-ch2'] }, { role: 'ANALYST' })).errors,
    ).toBeUndefined();
    // A submission still spelling the vendor by its old id: its service lands on the survivor.
    const t = emptyTemplate();
    t.services.push({
      id: 'svc-ch2-eligibility',
      name: 'AltClaims eligibility',
      supplierId: 'sup-ch2',
      type: 'SOFTWARE',
    });
    t.dependencies.push({ from: 'wf-dispense', to: 'sup-ch2' });
    const res = await api.gql<{ importTemplate: { ok: boolean } }>(
      `mutation($b: String!) { importTemplate(fileName: "later.xlsx", contentBase64: $b) { ok problems { message } } }`,
      { b: await xlsxBase64(t) },
      { role: 'ANALYST' },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.importTemplate).toMatchObject({ ok: true, problems: [] });
    const rels = await relationships();
    expect(rels.some((l) => l.startsWith('svc-ch2-eligibility PROVIDED_BY sup-ch1'))).toBe(true);
    expect(rels.some((l) => l.startsWith('wf-dispense DEPENDS_ON sup-ch1'))).toBe(true);
    expect((await api.gql('{ entity(id: "sup-ch2") { id } }')).data).toEqual({ entity: { id: 'sup-ch1' } });
    // The import was written after the merge: undoing the merge would lose it.
    const undo = await api.gql(UNDO, { s: 'sup-ch1' }, { role: 'ANALYST' });
    expect(undo.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(undo.errors?.[0]?.message).toMatch(/changed since the merge/);
  });
});

async function xlsxBase64(t: ReturnType<typeof emptyTemplate>): Promise<string> {
  return Buffer.from(await templateToBuffer(t, 'xlsx')).toString('base64');
}
