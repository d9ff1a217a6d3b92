// The provenance table (provenance.csv, DESIGN.md §5): written and read back exactly
// (property test over any submissions and assertions), and its problems located.
import { type ProvenanceTable, emptyTemplate, parseSubmission } from '@smart/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProvenanceCsv, provenanceCsv } from '../src/provenance';
import { readTemplateBuffer } from '../src/read';
import { templateToBuffer } from '../src/write';

const id = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
const text = fc
  .string({ maxLength: 20 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);
const date = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const table: fc.Arbitrary<ProvenanceTable> = fc
  .uniqueArray(fc.record({ id, contributor: text, contact: fc.option(text), date, note: fc.option(text) }), {
    selector: (s) => s.id,
    minLength: 1,
    maxLength: 4,
  })
  .chain((submissions) => {
    const ids = fc.uniqueArray(fc.constantFrom(...submissions.map((s) => s.id)), { minLength: 1 });
    return fc.record({
      submissions: fc.constant(submissions),
      entities: fc.uniqueArray(fc.record({ id, submissions: ids }), { selector: (e) => e.id, maxLength: 5 }),
      dependencies: fc.uniqueArray(fc.record({ from: id, to: id, submissions: ids }), {
        selector: (d) => `${d.from}>${d.to}`,
        maxLength: 5,
      }),
    });
  });

describe('provenance.csv', () => {
  it('reads back exactly what it wrote', () => {
    fc.assert(
      fc.property(table, (t) => {
        const { provenance, problems } = parseProvenanceCsv(provenanceCsv(t));
        expect(problems).toEqual([]);
        expect(provenance).toEqual(t);
      }),
    );
  });

  it('locates its problems: an undefined submission, a bad date, a half dependency, a missing column', () => {
    const csv = [
      'submission_id,contributor,contact,date,note,entity_id,from_id,to_id',
      's1,Riverside,,2026-01-10,,,,',
      's2,ClearPath,,2026-13-01,,,,',
      's9,,,,,sup-1,,',
      's1,,,,,,wf-1,',
    ].join('\n');
    expect(parseProvenanceCsv(csv).problems).toEqual([
      {
        file: 'provenance.csv',
        line: 3,
        column: 'date',
        message: "'2026-13-01' is not a date written YYYY-MM-DD",
        severity: 'error',
      },
      {
        file: 'provenance.csv',
        line: 5,
        column: 'to_id',
        message: 'a dependency needs both from_id and to_id',
        severity: 'error',
      },
      {
        file: 'provenance.csv',
        line: 4,
        column: 'submission_id',
        message: "'s9' is not defined in this table (a row with its contributor and date)",
        severity: 'error',
      },
    ]);
    expect(parseProvenanceCsv('submission_id,contributor\n').problems[0]).toMatchObject({
      line: 1,
      column: 'date',
      message: 'this column is missing from the header',
    });
  });

  it('checks a submission’s fields and defaults its date', () => {
    expect(parseSubmission({ contributor: ' Riverside ' }, '2026-05-05')).toEqual({
      ok: true,
      value: { contributor: 'Riverside', contact: null, date: '2026-05-05', note: null },
    });
    expect(parseSubmission({ contributor: 'R', date: '2025-02-29' }, '2026-05-05')).toEqual({
      ok: false,
      problem: { field: 'date', message: "'2025-02-29' is not a date written YYYY-MM-DD" },
    });
    expect(parseSubmission({ contributor: 'R', note: 'x'.repeat(2001) }, '2026-05-05')).toEqual({
      ok: false,
      problem: { field: 'note', message: 'at most 2000 characters' },
    });
  });
});

describe('provenance in an .xlsx workbook and a .zip (issue 13)', () => {
  const provenance: ProvenanceTable = {
    submissions: [
      {
        id: 'sub-1',
        contributor: 'Riverside General',
        contact: 'cio@riverside.example',
        date: '2026-01-10',
        note: 'Q1',
      },
      { id: 'sub-2', contributor: 'ClearPath', contact: null, date: '2026-03-01', note: null },
    ],
    entities: [
      { id: 'sup-ch1', submissions: ['sub-1', 'sub-2'] },
      { id: 'wf-er', submissions: ['sub-1'] },
    ],
    dependencies: [{ from: 'wf-claims', to: 'svc-ch1', submissions: ['sub-2', 'sub-1'] }],
  };

  it.each(['xlsx', 'zip'] as const)('a .%s written with the table reads it back exactly', async (format) => {
    const data = await templateToBuffer(emptyTemplate(), format, provenance);
    const read = await readTemplateBuffer(`map.${format}`, data);
    expect(read.provenance).toEqual(provenance);
    expect(read.problems.filter((p) => /provenance/i.test(p.file))).toEqual([]);
    // Without submissions there is no table, and the reader finds none.
    const plain = await readTemplateBuffer(`map.${format}`, await templateToBuffer(emptyTemplate(), format));
    expect(plain.provenance).toBeUndefined();
  });

  it("a bad row of a workbook's provenance sheet is located by sheet, line and column", async () => {
    const bad = { ...provenance, submissions: [provenance.submissions[0]!] };
    const read = await readTemplateBuffer('map.xlsx', await templateToBuffer(emptyTemplate(), 'xlsx', bad));
    expect(read.problems).toContainEqual({
      file: 'provenance',
      line: 6,
      column: 'submission_id',
      message: "'sub-2' is not defined in this table (a row with its contributor and date)",
      severity: 'error',
    });
  });
});
