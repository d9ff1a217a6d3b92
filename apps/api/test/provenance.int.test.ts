// Provenance through the API (issue 13 item 3): importTemplate recorded as a
// submission, Entity.provenance and Dependency.provenance, a bad submission refused
// with its field named and nothing written, a dry run recorded as nothing; a path's hops
// with their dependency's source, confidence and provenance.
import { issueToken } from '@smart/api';
import { templateToBuffer } from '@smart/templates';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handBuilt } from '../../../test/fixtures/hand-built';
import { type TestApi, startTestApi } from '../../../test/support/api';
import { resetDatabase, testStore } from '../../../test/support/neo4j';

const store = testStore();
let api: TestApi;
let xlsx: string;

beforeAll(async () => {
  api = await startTestApi(store);
  xlsx = Buffer.from(await templateToBuffer(handBuilt(), 'xlsx')).toString('base64');
});
beforeEach(async () => {
  await resetDatabase(store);
});
afterAll(async () => {
  await api?.close();
  await store.close();
});

const IMPORT = `mutation($b: String!, $s: SubmissionInput, $dry: Boolean) {
  importTemplate(fileName: "riverside.xlsx", contentBase64: $b, submission: $s, dryRun: $dry) { ok dryRun submissionId }
}`;
const PROVENANCE = `{
  entity(id: "sup-ch1") { provenance { submission { id contributor contact date note } assertedAt confirmedAt } }
  dependencies(id: "wf-claims") { alternatives { to { id } provenance { submission { contributor } assertedAt } } }
}`;

describe('provenance in the API', () => {
  it('an import recorded as a submission: Entity.provenance and Dependency.provenance say who asserted it, and when', async () => {
    const res = await api.gql<{ importTemplate: { ok: boolean; submissionId: string } }>(
      IMPORT,
      {
        b: xlsx,
        s: {
          contributor: 'Riverside General',
          contact: 'cio@riverside.example',
          date: '2026-01-10',
          note: 'Q1',
        },
      },
      { role: 'ANALYST' },
    );
    expect(res.errors).toBeUndefined();
    const id = res.data!.importTemplate.submissionId;
    expect(id).toMatch(/^sub-2026-01-10-/);
    const p = await api.gql<{
      entity: { provenance: unknown[] };
      dependencies: { alternatives: { to: { id: string }; provenance: unknown[] }[] }[];
    }>(PROVENANCE);
    expect(p.errors).toBeUndefined();
    expect(p.data!.entity.provenance).toEqual([
      {
        submission: {
          id,
          contributor: 'Riverside General',
          contact: 'cio@riverside.example',
          date: '2026-01-10',
          note: 'Q1',
        },
        assertedAt: '2026-01-10',
        confirmedAt: '2026-01-10',
      },
    ]);
    expect(p.data!.dependencies.flatMap((g) => g.alternatives)).toEqual([
      {
        to: { id: 'svc-ch1' },
        provenance: [{ submission: { contributor: 'Riverside General' }, assertedAt: '2026-01-10' }],
      },
    ]);
  });

  it('a dry run reviews the import: changes field by field and the conflicts with another contributor', async () => {
    await api.gql(
      IMPORT,
      { b: xlsx, s: { contributor: 'Riverside General', date: '2026-01-10' } },
      { role: 'ANALYST' },
    );
    const t = handBuilt();
    t.workflows.find((w) => w.id === 'wf-claims')!.toleranceHours = 12;
    const next = Buffer.from(await templateToBuffer(t, 'xlsx')).toString('base64');
    const res = await api.gql<{ importTemplate: { diff: unknown } }>(
      `mutation($b: String!) { importTemplate(fileName: "next.xlsx", contentBase64: $b, dryRun: true,
        submission: { contributor: "ClearPath" }) { diff {
          entities { added { id } changed { id kind fields { field before after } } removed { id } }
          dependencies { added { from } changed { from } removed { from } }
          conflicts { target change assertedBy { contributor date } } } } }`,
      { b: next },
      { role: 'ANALYST' },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.importTemplate.diff).toEqual({
      entities: {
        added: [],
        changed: [
          {
            id: 'wf-claims',
            kind: 'WORKFLOW',
            fields: [{ field: 'toleranceHours', before: '24', after: '12' }],
          },
        ],
        removed: [],
      },
      dependencies: { added: [], changed: [], removed: [] },
      conflicts: [
        {
          target: 'wf-claims',
          change: 'CHANGED',
          assertedBy: [{ contributor: 'Riverside General', date: '2026-01-10' }],
        },
      ],
    });
  });

  it('refuses a bad submission naming its field, writing nothing; a dry run records no submission', async () => {
    const bad = await api.gql(
      IMPORT,
      { b: xlsx, s: { contributor: 'X', date: '10/01/2026' } },
      { role: 'ANALYST' },
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toBe("submission.date: '10/01/2026' is not a date written YYYY-MM-DD");
    expect((await api.gql<{ entity: unknown }>('{ entity(id: "sup-ch1") { id } }')).data!.entity).toBeNull();
    const dry = await api.gql<{
      importTemplate: { ok: boolean; dryRun: boolean; submissionId: string | null };
    }>(IMPORT, { b: xlsx, s: { contributor: 'X' }, dry: true }, { role: 'ANALYST' });
    expect(dry.data!.importTemplate).toEqual({ ok: true, dryRun: true, submissionId: null });
    // Imported without a submission: no provenance.
    await api.gql(IMPORT, { b: xlsx }, { role: 'ANALYST' });
    const p = await api.gql<{ entity: { provenance: unknown[] } }>(PROVENANCE);
    expect(p.data!.entity.provenance).toEqual([]);
  });

  it("an uploaded .zip or .xlsx export's provenance table is written back", async () => {
    for (const format of ['zip', 'xlsx'] as const) {
      await resetDatabase(store);
      const b = Buffer.from(
        await templateToBuffer(handBuilt(), format, {
          submissions: [
            { id: 'sub-x', contributor: 'Riverside General', contact: null, date: '2026-01-10', note: null },
          ],
          entities: [{ id: 'sup-ch1', submissions: ['sub-x'] }],
          dependencies: [{ from: 'wf-claims', to: 'svc-ch1', submissions: ['sub-x'] }],
        }),
      ).toString('base64');
      const res = await api.gql(
        `mutation($b: String!, $f: String!) { importTemplate(fileName: $f, contentBase64: $b) { ok } }`,
        { b, f: `export.${format}` },
        { role: 'ANALYST' },
      );
      expect(res.errors).toBeUndefined();
      const p = await api.gql<{
        entity: { provenance: { submission: { id: string } }[] };
        dependencies: { alternatives: { provenance: { assertedAt: string }[] }[] }[];
      }>(PROVENANCE);
      expect(p.data!.entity.provenance.map((r) => r.submission.id)).toEqual(['sub-x']);
      expect(p.data!.dependencies.flatMap((g) => g.alternatives.flatMap((a) => a.provenance))).toEqual([
        { submission: { contributor: 'Riverside General' }, assertedAt: '2026-01-10' },
      ]);
    }
  });

  it("a path's hops: each its dependency's source, confidence and provenance, null for a structural hop; none for a scoped reader", async () => {
    const t = handBuilt();
    Object.assign(t.dependencies.find((d) => d.from === 'wf-claims' && d.to === 'svc-ch1')!, {
      source: 'CONTRACT',
      confidence: 0.9,
    });
    const b = Buffer.from(await templateToBuffer(t, 'xlsx')).toString('base64');
    const imported = await api.gql(
      IMPORT,
      { b, s: { contributor: 'Riverside General', date: '2026-01-10' } },
      { role: 'ANALYST' },
    );
    expect(imported.errors).toBeUndefined();
    const HOP =
      'from { id } to { id } group source confidence provenance { submission { contributor } assertedAt }';
    const asked = `{
      paths(from: "sup-ch1", toKinds: [CRITICAL_FUNCTION]) { nodes { id } length dependencies { ${HOP} } }
      shortestPath(from: "wf-dispense", to: "svc-cloud") { nodes { id } dependencies { ${HOP} } }
    }`;
    const res = await api.gql<{ paths: unknown[]; shortestPath: unknown }>(asked);
    expect(res.errors).toBeUndefined();
    const riverside = [{ submission: { contributor: 'Riverside General' }, assertedAt: '2026-01-10' }];
    // By hand (fixture diagram): downstream from sup-ch1 to critical functions, shortest
    // first then by ids: sup-ch1 → its service svc-ch1 (structural: null) → wf-claims,
    // which depends on svc-ch1 (the edge given CONTRACT, 0.9) → cf-pay, which wf-claims
    // supports (structural: null); then the same through wf-elig (its edge in group "ch",
    // no source or confidence). Every row came with the one submission.
    expect(res.data!.paths).toEqual([
      {
        nodes: [{ id: 'sup-ch1' }, { id: 'svc-ch1' }, { id: 'wf-claims' }, { id: 'cf-pay' }],
        length: 3,
        dependencies: [
          null,
          {
            from: { id: 'wf-claims' },
            to: { id: 'svc-ch1' },
            group: null,
            source: 'CONTRACT',
            confidence: 0.9,
            provenance: riverside,
          },
          null,
        ],
      },
      {
        nodes: [{ id: 'sup-ch1' }, { id: 'svc-ch1' }, { id: 'wf-elig' }, { id: 'cf-pay' }],
        length: 3,
        dependencies: [
          null,
          {
            from: { id: 'wf-elig' },
            to: { id: 'svc-ch1' },
            group: 'ch',
            source: null,
            confidence: null,
            provenance: riverside,
          },
          null,
        ],
      },
    ]);
    // A shortest path goes either way: wf-dispense → svc-pbm → svc-cloud runs upstream,
    // each hop's edge from the earlier node to the later one.
    expect(res.data!.shortestPath).toEqual({
      nodes: [{ id: 'wf-dispense' }, { id: 'svc-pbm' }, { id: 'svc-cloud' }],
      dependencies: [
        {
          from: { id: 'wf-dispense' },
          to: { id: 'svc-pbm' },
          group: null,
          source: null,
          confidence: null,
          provenance: riverside,
        },
        {
          from: { id: 'svc-pbm' },
          to: { id: 'svc-cloud' },
          group: null,
          source: null,
          confidence: null,
          provenance: riverside,
        },
      ],
    });

    // A reader scoped to the hospital sees its paths' edges, but no provenance (a
    // contributor names another organization), as in the details panel.
    const token = await issueToken({ username: 'hosp', role: 'VIEWER', organizations: ['org-hosp'] });
    const scoped = await api.gql<{ paths: { dependencies: unknown[] }[] }>(
      `{ paths(from: "sup-ch1") { dependencies { source confidence provenance { assertedAt } } } }`,
      {},
      { token },
    );
    expect(scoped.errors).toBeUndefined();
    expect(scoped.data!.paths.map((p) => p.dependencies)).toEqual([
      [null, { source: 'CONTRACT', confidence: 0.9, provenance: [] }],
      [null, { source: null, confidence: null, provenance: [] }],
    ]);
  });
});
