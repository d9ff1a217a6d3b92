// What importTemplate is doing before its write begins (issue 11 item 4): it reads and
// validates the whole upload, seconds to tens of seconds for a large workbook, and the
// Import page polls `importInProgress` meanwhile. Kept here, in this API process, keyed
// by the importing user: a poll answered by another replica sees nothing of it until the
// staged write's journal (in Neo4j) takes over (DESIGN.md §8).
import type { TemplateTableName } from '@smart/domain';

export interface ImportReading {
  actor: string;
  /** import or import-replace. */
  action: string;
  source: string;
  /** VALIDATING while the file is read and checked; WRITING once it is handed to the store. */
  phase: 'VALIDATING' | 'WRITING';
  /** Data rows read and checked so far. */
  rowsRead: number;
  /** Rows in all: known once the read is done. */
  rowsTotal: number | null;
  /** The table being read; null before the first and after the last. */
  table: TemplateTableName | null;
  startedAt: string;
  heartbeatAt: number;
}

/** Test seam: awaited once an upload has been read and checked, while its phase still says VALIDATING. */
export interface ImportHooks {
  afterRead?: (username: string) => Promise<void> | void;
}

const underWay = new Map<string, { token: symbol; reading: ImportReading }>();

/** The user's import being read or handed to the store in this process, if any. */
export function importReading(actor: string): ImportReading | undefined {
  return underWay.get(actor)?.reading;
}

/**
 * Starts recording a user's import; the handle updates it and `end` removes it (only
 * its own: a second import by the same user, from another tab, replaces the first's entry).
 */
export function startImportReading(actor: string, action: string, source: string) {
  const token = Symbol(source);
  const reading: ImportReading = {
    actor,
    action,
    source,
    phase: 'VALIDATING',
    rowsRead: 0,
    rowsTotal: null,
    table: null,
    startedAt: new Date().toISOString(),
    heartbeatAt: Date.now(),
  };
  underWay.set(actor, { token, reading });
  return {
    /** The reader's onProgress: rows so far and the table; the last call (no table) is the total. */
    progress(rows: number, table?: TemplateTableName) {
      reading.rowsRead = rows;
      reading.table = table ?? null;
      if (!table) reading.rowsTotal = rows;
      reading.heartbeatAt = Date.now();
    },
    writing() {
      reading.phase = 'WRITING';
      reading.heartbeatAt = Date.now();
    },
    end() {
      if (underWay.get(actor)?.token === token) underWay.delete(actor);
    },
  };
}
