// A large import under way, polled every second: while the server reads and validates
// the caller's own upload, the rows checked so far (VALIDATING); then, for a staged import,
// how far it has written, read from its journal, whoever started it and from wherever. So
// a person who left the Import page during a long import sees it again when they come
// back, and everyone else sees why their edits are refused meanwhile (CONFLICT until it ends).
import { useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import type { ImportInProgressQuery } from '../generated/graphql';
import { IMPORT_IN_PROGRESS } from './queries';

export const POLL_MS = 1000;

type UnderWay = NonNullable<ImportInProgressQuery['importInProgress']>;

/**
 * "12,000 of 60,676 rows written (19 %)", or the rows alone when the total is unknown;
 * while validating, "validating: 20,000 rows read and checked (dependencies)".
 */
export function rowsWritten(
  p: Pick<UnderWay, 'phase' | 'rowsWritten' | 'rowsTotal'> & Partial<Pick<UnderWay, 'rowsRead' | 'table'>>,
): string {
  if (p.phase === 'SNAPSHOT') return 'saving the undo snapshot of the map as it was';
  if (p.phase === 'VALIDATING') {
    const read = (p.rowsRead ?? 0).toLocaleString('en-US');
    const of = p.rowsTotal ? ` of ${p.rowsTotal.toLocaleString('en-US')}` : '';
    const table = p.table ? ` (${p.table.toLowerCase()})` : '';
    return `validating: ${read}${of} rows read and checked${table}`;
  }
  const n = p.rowsWritten.toLocaleString('en-US');
  if (p.rowsTotal === null || p.rowsTotal === undefined || p.rowsTotal <= 0) return `${n} rows written`;
  const pct = Math.min(100, Math.floor((100 * p.rowsWritten) / p.rowsTotal));
  return `${n} of ${p.rowsTotal.toLocaleString('en-US')} rows written (${pct} %)`;
}

export function ImportUnderWay({ onFinished }: { onFinished?: () => void }) {
  const q = useQuery<ImportInProgressQuery>(IMPORT_IN_PROGRESS, {
    pollInterval: POLL_MS,
    fetchPolicy: 'network-only',
  });
  const current = q.data?.importInProgress ?? null;
  const [ended, setEnded] = useState<UnderWay | null>(null);
  const last = useRef<UnderWay | null>(null);
  useEffect(() => {
    if (current) {
      last.current = current;
      setEnded(null);
    } else if (q.data && last.current) {
      // It was under way at the last poll and is gone now: committed or rolled back.
      setEnded(last.current);
      last.current = null;
      onFinished?.();
    }
  }, [current, q.data, onFinished]);

  if (current) {
    // Validating: a bar that moves without a total (the rows read are counted beside it).
    const done = current.phase === 'VALIDATING' ? (current.rowsRead ?? 0) : current.rowsWritten;
    const pct =
      current.phase !== 'SNAPSHOT' && current.rowsTotal
        ? Math.min(100, Math.floor((100 * done) / current.rowsTotal))
        : null;
    return (
      <section className="card import-under-way" aria-labelledby="under-way-title">
        <h2 id="under-way-title">An import is under way</h2>
        <p>
          <strong>{current.source ?? 'A template'}</strong>, started by {current.actor} at{' '}
          {new Date(current.startedAt).toLocaleString()}:{' '}
          <span data-testid="import-rows">{rowsWritten(current)}</span>.
        </p>
        <div className="progress" role="status" aria-live="polite">
          <progress
            max={100}
            value={pct ?? undefined}
            aria-label={current.phase === 'VALIDATING' ? 'Validating' : 'Import progress'}
          />
        </div>
        <p className="muted small">
          {current.phase === 'VALIDATING'
            ? 'Nothing is written until every row has been checked.'
            : 'Other changes to the map wait until it ends.'}{' '}
          You can leave this page: the import goes on, and this page shows it again when you come back.
        </p>
      </section>
    );
  }
  if (ended)
    return (
      <p className="status" role="status">
        The import of {ended.source ?? 'a template'} by {ended.actor} has ended.
      </p>
    );
  return null;
}
