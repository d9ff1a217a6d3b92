// CSV files: streamed in (chunk → UTF-8 check → csv-parse → one row at a time)
// and streamed out (csv-stringify), so a file of millions of rows never sits in
// memory as text.
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { TEMPLATE_TABLES, type Template, type TemplateTableName } from '@smart/domain';
import { CsvError, parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import type { ReadState } from './collect';
import { rowToCells } from './tables';

/** The longest record accepted; larger means a quote was left open and the rest of the file became one field. */
const MAX_RECORD_CHARS = 1_000_000;

class NotTextError extends Error {}

/**
 * Decodes UTF-8 strictly, chunk by chunk. A NUL byte or an invalid sequence means
 * the file is not a UTF-8 text file (a workbook renamed .csv, a UTF-16 or
 * Windows-1252 export); TextDecoder drops a leading BOM.
 */
async function* utf8(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of source) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    if (chunk.indexOf(0) !== -1) throw new NotTextError('binary');
    try {
      yield decoder.decode(chunk, { stream: true });
    } catch {
      throw new NotTextError('encoding');
    }
  }
  try {
    yield decoder.decode();
  } catch {
    throw new NotTextError('encoding');
  }
}

const CSV_ERRORS: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed (a " is missing)',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted field must end at its closing quote; write a quote inside it as ""',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    'a quoted field must end at its closing quote; write a quote inside it as ""',
  CSV_MAX_RECORD_SIZE: `a row is longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters (a quote is probably not closed)`,
};

/**
 * Reads one CSV file into the table `table`, reported under `name`.
 *
 * Line numbers: a record's line is its index + 1 (header = 1), which is the row a
 * spreadsheet shows it on. A quoted field with line breaks makes a record span
 * several physical lines of the file, but it is still one spreadsheet row, so the
 * rows after it keep their spreadsheet numbers rather than the text editor's.
 */
export async function readCsvTable(
  state: ReadState,
  table: TemplateTableName,
  name: string,
  open: () => AsyncIterable<Uint8Array | string>,
): Promise<void> {
  const reader = state.begin(table, name);
  if (!reader) return;
  let records = 0;
  // Records are taken from the stream ('data'), not through csv-parse's `on_record`
  // option, which builds an `info` object for every record (about a seventh of the
  // read's CPU at L). A failure of a row (a limit passed) ends the parse with it.
  const parser = parse({ relax_column_count: true, trim: true, max_record_size: MAX_RECORD_CHARS });
  parser.on('data', (record: string[]) => {
    if (parser.destroyed) return;
    try {
      records++;
      if (records === 1 && record.length === 1 && /[;\t]/.test(record[0] ?? '')) {
        reader.problem(
          records,
          '',
          'the header is not separated by commas; save the table as CSV with commas',
        );
      }
      reader.row(record, records);
    } catch (error) {
      parser.destroy(error as Error);
    }
  });
  const done = finished(parser);
  done.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"

  try {
    for await (const text of utf8(open())) {
      if (parser.destroyed) break;
      if (text && !parser.write(text)) await once(parser, 'drain');
      await state.flush(); // a streamed import's second pass writes each full batch before reading on
    }
    if (!parser.destroyed) parser.end();
    await done;
  } catch (error) {
    if (error instanceof NotTextError) {
      parser.destroy();
      reader.discard();
      state.problem(
        name,
        0,
        '',
        error.message === 'binary'
          ? 'is not a text file (it contains binary data); save the table as "CSV UTF-8"'
          : 'is not UTF-8 text; save the table as "CSV UTF-8"',
      );
      return;
    }
    if (!(error instanceof CsvError)) {
      parser.destroy(); // a limit passed (TemplateLimitError) or the source failed: the read ends here
      throw error;
    }
    // A broken quote leaves the rest of the file ambiguous: report it where it starts and stop.
    const what = CSV_ERRORS[error.code] ?? `cannot be read as CSV (${error.code})`;
    reader.problem(records + 1, '', `${what}; the rest of the file is not read`);
  }
  reader.finish();
}

/** Writes one table as CSV: header row, columns in template order, \n line ends, no BOM. */
export async function writeCsvTable<T extends TemplateTableName>(
  table: T,
  rows: Template[T],
  out: Writable,
): Promise<void> {
  await pipeline(csvTableStream(table, rows), out);
}

/** One table as a stream of CSV text. */
export function csvTableStream<T extends TemplateTableName>(table: T, rows: Template[T]): Readable {
  const stringifier = stringify({ header: true, columns: [...TEMPLATE_TABLES[table].columns], eof: true });
  const cells = function* () {
    for (const row of rows) yield rowToCells(table, row, 'text');
  };
  return Readable.from(cells()).pipe(stringifier);
}
