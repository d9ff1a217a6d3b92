// The provenance table of a template (issue 13 item 3, DESIGN.md §5 "Provenance"):
// `provenance.csv` beside the eight tables of a CSV folder. A row with only
// submission fields defines a submission; a row with `entity_id`, or `from_id` and
// `to_id`, says that submission asserted that entity or dependency. Export writes it,
// import writes it back, so provenance survives export → import.
import { readFile } from 'node:fs/promises';
import { isIsoDate, type ProvenanceTable, type SubmissionRecord } from '@smart/domain';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Problem } from './problems';

export const PROVENANCE_FILE = 'provenance.csv';
export const PROVENANCE_COLUMNS = [
  'submission_id',
  'contributor',
  'contact',
  'date',
  'note',
  'entity_id',
  'from_id',
  'to_id',
] as const;

/** The sheet of an .xlsx template (and the file of a .zip) that holds the table. */
export const PROVENANCE_SHEET = 'provenance';

/** The table as CSV text: the submissions first (oldest first), then each assertion in row order. */
export function provenanceCsv(p: ProvenanceTable): string {
  return stringify(provenanceRows(p), { header: true, columns: [...PROVENANCE_COLUMNS], eof: true });
}

/** The table's data rows (no header), in PROVENANCE_COLUMNS order. */
export function provenanceRows(p: ProvenanceTable): (string | null)[][] {
  const rows: (string | null)[][] = [];
  for (const s of p.submissions)
    rows.push([s.id, s.contributor, s.contact, s.date, s.note, null, null, null]);
  for (const e of p.entities)
    for (const sid of e.submissions) rows.push([sid, null, null, null, null, e.id, null, null]);
  for (const d of p.dependencies)
    for (const sid of d.submissions) rows.push([sid, null, null, null, null, null, d.from, d.to]);
  return rows;
}

/**
 * Reads a provenance table (CSV text). Problems are located (file, line, column); an
 * assertion by a submission the table does not define is an error, and so is a row
 * that is neither a submission nor an assertion.
 */
export function parseProvenanceCsv(
  text: string,
  file = PROVENANCE_FILE,
): { provenance: ProvenanceTable; problems: Problem[] } {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true });
  } catch (err) {
    return {
      provenance: { submissions: [], entities: [], dependencies: [] },
      problems: [
        { file, line: 0, column: '', message: `is not CSV: ${(err as Error).message}`, severity: 'error' },
      ],
    };
  }
  return parseProvenanceRows(records, file);
}

/**
 * Reads a provenance table given as rows of cells, its header first (a CSV file's
 * records, an .xlsx sheet's rows); the row at index i is line i + 1.
 */
export function parseProvenanceRows(
  records: string[][],
  file: string,
): { provenance: ProvenanceTable; problems: Problem[] } {
  const problems: Problem[] = [];
  const problem = (line: number, column: string, message: string) =>
    problems.push({ file, line, column, message, severity: 'error' });
  const provenance: ProvenanceTable = { submissions: [], entities: [], dependencies: [] };
  const [header, ...data] = records;
  const col = new Map((header ?? []).map((h, i) => [h.trim(), i]));
  for (const c of ['submission_id', 'contributor', 'date', 'entity_id', 'from_id', 'to_id'])
    if (!col.has(c)) problem(1, c, 'this column is missing from the header');
  if (problems.length) return { provenance, problems };
  const defined = new Map<string, SubmissionRecord>();
  const entities = new Map<string, string[]>();
  const deps = new Map<string, { from: string; to: string; submissions: string[] }>();
  const uses: { line: number; sid: string }[] = [];
  for (const [i, cells] of data.entries()) {
    const line = i + 2;
    const get = (c: string) => cells[col.get(c) ?? -1]?.trim() || '';
    const sid = get('submission_id');
    if (!sid) {
      problem(line, 'submission_id', 'a value is required');
      continue;
    }
    const [entity, from, to] = [get('entity_id'), get('from_id'), get('to_id')];
    if (entity) {
      const list = entities.get(entity) ?? [];
      if (!list.includes(sid)) list.push(sid);
      entities.set(entity, list);
      uses.push({ line, sid });
    } else if (from || to) {
      if (!from || !to) {
        problem(line, from ? 'to_id' : 'from_id', 'a dependency needs both from_id and to_id');
        continue;
      }
      const key = `${from}\u0000${to}`;
      const d = deps.get(key) ?? { from, to, submissions: [] };
      if (!d.submissions.includes(sid)) d.submissions.push(sid);
      deps.set(key, d);
      uses.push({ line, sid });
    } else {
      const contributor = get('contributor');
      const date = get('date');
      if (!contributor) {
        problem(line, 'contributor', 'a submission needs its contributor');
        continue;
      }
      if (!isIsoDate(date)) {
        problem(line, 'date', `'${date}' is not a date written YYYY-MM-DD`);
        continue;
      }
      if (defined.has(sid)) {
        problem(line, 'submission_id', `'${sid}' is defined twice`);
        continue;
      }
      defined.set(sid, {
        id: sid,
        contributor,
        contact: get('contact') || null,
        date,
        note: get('note') || null,
      });
    }
  }
  for (const u of uses)
    if (!defined.has(u.sid))
      problem(
        u.line,
        'submission_id',
        `'${u.sid}' is not defined in this table (a row with its contributor and date)`,
      );
  provenance.submissions = [...defined.values()];
  provenance.entities = [...entities].map(([id, submissions]) => ({ id, submissions }));
  provenance.dependencies = [...deps.values()];
  return { provenance, problems };
}

/** Reads `provenance.csv` from a file; null when there is none. */
export async function readProvenanceFile(
  path: string,
): Promise<{ provenance: ProvenanceTable; problems: Problem[] } | null> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  return text === null ? null : parseProvenanceCsv(text);
}
