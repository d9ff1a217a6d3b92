// Import a SMART template: check it first (a dry run: every problem with file, line and
// column, and exactly what the import would create, update and remove; nothing written),
// then import it in one transaction. A replace (ADMIN) that removes anything lists the
// removals and asks for a typed confirmation; "Undo last import" (ADMIN) restores the
// map kept before the last import. A large (staged) import under way is shown with its
// progress, to whoever opens the page (ImportUnderWay).
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useId, useState } from 'react';
import { invalidateGraphData } from '../apollo';
import { can } from '../auth/roles';
import { isEntityKind, KIND_META } from '../explorer/kinds';
import type {
  ImportTemplateMutation,
  LastImportQuery,
  Role,
  TemplateTable,
  UndoLastImportMutation,
} from '../generated/graphql';
import { ImportUnderWay } from './ImportUnderWay';
import { IMPORT_TEMPLATE, LAST_IMPORT, UNDO_LAST_IMPORT } from './queries';
import { ACCEPTED, acceptedFile, type Phase, postGraphQL, readAsBase64, sortProblems } from './upload';

type Result = ImportTemplateMutation['importTemplate'];

interface Progress {
  phase: Phase;
  fraction: number | null;
  dryRun: boolean;
}

const PHASE_LABEL: Record<Phase, string> = {
  reading: 'Reading the file',
  uploading: 'Uploading',
  processing: 'Validating',
};

/** The eight tables, as the file names users know, for "may be emptied by this replace". */
const TABLES: [TemplateTable, string][] = [
  ['ORGANIZATIONS', 'organizations'],
  ['SUPPLIERS', 'suppliers'],
  ['SERVICES', 'services'],
  ['ASSETS', 'assets'],
  ['WORKFLOWS', 'workflows'],
  ['CRITICAL_FUNCTIONS', 'critical_functions'],
  ['WORKFLOW_FUNCTIONS', 'workflow_functions'],
  ['DEPENDENCIES', 'dependencies'],
];

/** What the user types to confirm a replace that removes something. */
export const CONFIRM_WORD = 'replace';

export function ImportPage({ role }: { role: Role }) {
  const client = useApolloClient();
  const inputId = useId();
  const confirmId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const [allowEmpty, setAllowEmpty] = useState<TemplateTable[]>([]);
  const [confirmText, setConfirmText] = useState('');
  // The submission this import is recorded as (issue 13): who contributed the file.
  const [submission, setSubmission] = useState({ contributor: '', contact: '', date: '', note: '' });
  const submissionId = useId();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    if (dryRun) setResult(null);
    setProgress({ phase: 'reading', fraction: null, dryRun });
    try {
      const content = await readAsBase64(file);
      const res = await postGraphQL<ImportTemplateMutation>(
        IMPORT_TEMPLATE,
        {
          fileName: file.name,
          contentBase64: content,
          replace,
          dryRun,
          allowEmpty: replace ? allowEmpty : [],
          submission: submission.contributor.trim()
            ? {
                contributor: submission.contributor,
                contact: submission.contact || null,
                date: submission.date || null,
                note: submission.note || null,
              }
            : null,
        },
        (phase, fraction) => setProgress({ phase, fraction, dryRun }),
      );
      if (res.errors?.length) throw new Error(res.errors.map((e) => e.message).join('; '));
      if (!res.data) throw new Error('The server sent no result.');
      setResult(res.data.importTemplate);
      setConfirmText('');
      // Everything cached describes the old graph.
      if (!dryRun && res.data.importTemplate.ok) {
        invalidateGraphData(client);
        if (can(role, 'undoImport')) void client.refetchQueries({ include: [LAST_IMPORT] });
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(true);
  };
  const problems = result ? sortProblems(result.problems) : [];
  const errors = problems.filter((p) => p.severity.toLowerCase() === 'error').length;
  const checked = result?.dryRun && result.ok;
  const imported = result && !result.dryRun && result.ok;
  const removals = checked ? result.summary.filter((s) => s.removed > 0) : [];
  const needsConfirm = replace && removals.length > 0;
  const confirmed = !needsConfirm || confirmText.trim() === CONFIRM_WORD;
  const changeOptions = () => {
    // A different replace needs a new check: the counts shown are for the last one.
    setResult(null);
    setConfirmText('');
  };

  return (
    <div className="page import">
      <header className="page-head">
        <h1>Import a SMART template</h1>
        <p className="muted">
          An .xlsx workbook or a .zip of CSV files (organizations, suppliers, services, assets, workflows,
          critical_functions, workflow_functions, dependencies), or one table's .csv. The file is checked
          first; nothing is written unless every row is valid.
        </p>
        <p>
          Starting a map?{' '}
          <a href="/templates/smart-template.xlsx" download>
            Download the blank template
          </a>{' '}
          (instructions, dropdowns for the allowed values, and example rows starting with # that the import
          ignores).
        </p>
      </header>
      {can(role, 'import') && <ImportUnderWay onFinished={() => invalidateGraphData(client)} />}
      <section className="card">
        <form onSubmit={submit} className="form import-form">
          <label htmlFor={inputId}>Template file</label>
          <input
            id={inputId}
            type="file"
            accept={ACCEPTED.join(',')}
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null;
              setFile(f);
              changeOptions();
              setError(f && !acceptedFile(f.name) ? `Choose a ${ACCEPTED.join(', ')} file.` : null);
            }}
          />
          <fieldset className="submission">
            <legend>Record it as a submission (optional): who asserted these rows</legend>
            {(
              [
                ['contributor', 'Contributing organization', 'text'],
                ['contact', 'Contact', 'text'],
                ['date', 'Date of the submission', 'date'],
                ['note', 'Note', 'text'],
              ] as const
            ).map(([field, label, type]) => (
              <label key={field} htmlFor={`${submissionId}-${field}`}>
                {label}
                <input
                  id={`${submissionId}-${field}`}
                  type={type}
                  value={submission[field]}
                  onChange={(e) => setSubmission({ ...submission, [field]: e.target.value })}
                />
              </label>
            ))}
          </fieldset>
          {can(role, 'replace') && (
            <label className="check">
              <input
                type="checkbox"
                checked={replace}
                onChange={(e) => {
                  setReplace(e.target.checked);
                  changeOptions();
                }}
              />
              Replace: remove entities and dependencies the template no longer holds (needs all eight tables)
            </label>
          )}
          {replace && (
            <fieldset className="allow-empty">
              <legend>Tables this replace may empty although the file lacks them</legend>
              {TABLES.map(([value, label]) => (
                <label key={value} className="check">
                  <input
                    type="checkbox"
                    checked={allowEmpty.includes(value)}
                    onChange={(e) => {
                      setAllowEmpty((a) => (e.target.checked ? [...a, value] : a.filter((t) => t !== value)));
                      changeOptions();
                    }}
                  />
                  {label}
                </label>
              ))}
            </fieldset>
          )}
          {needsConfirm && (
            <div className="confirm-removal">
              <p className="alert" role="alert">
                This replace removes{' '}
                {removals
                  .map((s) => `${s.removed.toLocaleString('en-US')} ${kindLabel(s.kind).toLowerCase()}`)
                  .join(', ')}
                . An ADMIN can undo it afterwards with "Undo last import".
              </p>
              <label htmlFor={confirmId}>
                Type <kbd>{CONFIRM_WORD}</kbd> to confirm
              </label>
              <input
                id={confirmId}
                autoComplete="off"
                value={confirmText}
                onChange={(e) => setConfirmText(e.target.value)}
              />
            </div>
          )}
          <div className="actions">
            <button
              type="submit"
              className="primary"
              disabled={!file || !acceptedFile(file.name) || progress !== null}
            >
              Check file
            </button>
            {checked && (
              <button
                type="button"
                className={needsConfirm ? 'primary danger' : 'primary'}
                disabled={progress !== null || !confirmed}
                onClick={() => void run(false)}
              >
                {needsConfirm ? 'Replace the map' : `Import ${result.rows.toLocaleString('en-US')} rows`}
              </button>
            )}
          </div>
        </form>

        {progress && <ProgressBar progress={progress} />}
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}

        {result && (
          <div className="import-result" role="status" aria-live="polite">
            {imported && (
              <p className="ok">
                Imported {result.rows.toLocaleString('en-US')} rows. Graph version {result.graphVersion}.
                {result.submissionId ? ` Recorded as submission ${result.submissionId}.` : ''}
              </p>
            )}
            {checked && result.diff && <DiffView diff={result.diff} />}
            {checked && (
              <p className="ok">
                The template is valid: {result.rows.toLocaleString('en-US')} rows. Nothing has been written
                yet.
              </p>
            )}
            {!result.ok && (
              <p className="alert">
                {errors} {errors === 1 ? 'problem' : 'problems'} found; nothing was written. Fix them and
                check again.
              </p>
            )}
            {result.summary.length > 0 && (
              <table className="import-summary">
                <caption>{result.dryRun ? 'What the import would do' : 'What the import did'}</caption>
                <thead>
                  <tr>
                    <th scope="col">Table</th>
                    <th scope="col" className="num">
                      Created
                    </th>
                    <th scope="col" className="num">
                      Updated
                    </th>
                    <th scope="col" className="num">
                      Removed
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {result.summary.map((s) => (
                    <tr key={s.kind}>
                      <th scope="row">{kindLabel(s.kind)}</th>
                      <td className="num">{s.created}</td>
                      <td className="num">{s.updated}</td>
                      <td className="num">{s.removed}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
      </section>

      {can(role, 'undoImport') && <UndoLastImport />}

      {problems.length > 0 && (
        <section className="card" aria-labelledby="problems-title">
          <h2 id="problems-title">
            Problems{' '}
            <span className="count">{(result?.problemCount ?? problems.length).toLocaleString('en-US')}</span>
          </h2>
          {result && result.problemCount > problems.length && (
            <p className="hint">
              The first {problems.length.toLocaleString('en-US')} are listed (errors first); fix them and
              check again to see the rest.
            </p>
          )}
          <div className="table-scroll tall">
            <table className="problems">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Line</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p) => (
                  <tr
                    key={`${p.file}:${p.line}:${p.column}:${p.severity}:${p.message}`}
                    className={p.severity.toLowerCase()}
                  >
                    <td>{p.file}</td>
                    <td className="num">{p.line}</td>
                    <td>{p.column}</td>
                    <td>
                      {p.severity.toLowerCase() !== 'error' && <span className="sev">{p.severity}: </span>}
                      {p.message}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}

function ProgressBar({ progress }: { progress: Progress }) {
  const label =
    progress.phase === 'processing'
      ? progress.dryRun
        ? 'Validating'
        : 'Validating and writing'
      : PHASE_LABEL[progress.phase];
  const pct = progress.fraction === null ? null : Math.round(progress.fraction * 100);
  return (
    <div className="progress" role="status" aria-live="polite">
      <span>
        {label}
        {pct !== null ? ` ${pct} %` : '…'}
      </span>
      <progress max={100} value={pct ?? undefined} aria-label={label} />
    </div>
  );
}

const cap = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, ' ');
const kindLabel = (kind: string) =>
  isEntityKind(kind) ? KIND_META[kind].plural : kind === 'DEPENDENCY' ? 'Dependencies' : cap(kind);

/** ADMIN: what the last import was, and a button that restores the map as it was before it. */
function UndoLastImport() {
  const client = useApolloClient();
  const { data, error: loadError } = useQuery<LastImportQuery>(LAST_IMPORT, { fetchPolicy: 'network-only' });
  const [undo, { loading }] = useMutation<UndoLastImportMutation>(UNDO_LAST_IMPORT);
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const last = data?.lastImport;
  const snap = last?.snapshot;

  const confirm = async () => {
    setAsking(false);
    try {
      const res = await undo();
      const r = res.data!.undoLastImport;
      setMessage({
        ok: true,
        text: `Undone: the map is back to before the ${r.undone.action} of ${when(r.undone.at)} (${r.entities.toLocaleString('en-US')} entities). Graph version ${r.graphVersion}.`,
      });
      invalidateGraphData(client);
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
    await client.refetchQueries({ include: [LAST_IMPORT] });
  };

  return (
    <section className="card undo-import" aria-labelledby="undo-title">
      <h2 id="undo-title">Undo last import</h2>
      {loadError && (
        <p className="alert" role="alert">
          {loadError.message}
        </p>
      )}
      {last && !snap && <p className="muted">There is no import to undo.</p>}
      {snap && (
        <p>
          Last import: {snap.action} by {snap.actor}, {when(snap.at)}
          {snap.source ? ` (${snap.source})` : ''}. Undo restores the map as it was before it:{' '}
          {snap.entities.toLocaleString('en-US')} entities and {snap.relationships.toLocaleString('en-US')}{' '}
          relationships.
        </p>
      )}
      {last?.blocked && snap && <p className="alert">{last.blocked}</p>}
      {message && (
        <p className={message.ok ? 'ok' : 'alert'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {snap && (
        <div className="actions">
          {!asking ? (
            <button type="button" disabled={!!last?.blocked || loading} onClick={() => setAsking(true)}>
              Undo last import
            </button>
          ) : (
            <>
              <button type="button" className="primary danger" onClick={() => void confirm()}>
                Restore the map as it was before
              </button>
              <button type="button" onClick={() => setAsking(false)}>
                Cancel
              </button>
            </>
          )}
        </div>
      )}
    </section>
  );
}

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

type Diff = NonNullable<ImportTemplateMutation['importTemplate']['diff']>;

/** A dry run's review (issue 13 item 4): each change as a line, then the conflicts. */
function DiffView({ diff }: { diff: Diff }) {
  const value = (v: string | null | undefined) => v ?? '(none)';
  const lines: string[] = [
    ...diff.entities.added.map((e) => `+ ${e.kind.toLowerCase()} ${e.id}`),
    ...diff.entities.changed.flatMap((e) =>
      e.fields.map(
        (f) => `~ ${e.kind.toLowerCase()} ${e.id}: ${f.field} ${value(f.before)} → ${value(f.after)}`,
      ),
    ),
    ...diff.entities.removed.map((e) => `- ${e.kind.toLowerCase()} ${e.id}`),
    ...diff.dependencies.added.map((d) => `+ dependency ${d.from} → ${d.to}`),
    ...diff.dependencies.changed.flatMap((d) =>
      d.fields.map(
        (f) => `~ dependency ${d.from} → ${d.to}: ${f.field} ${value(f.before)} → ${value(f.after)}`,
      ),
    ),
    ...diff.dependencies.removed.map((d) => `- dependency ${d.from} → ${d.to}`),
  ];
  return (
    <section className="import-diff" aria-label="Changes to the map">
      <h3>Changes to the map</h3>
      {lines.length === 0 ? (
        <p className="muted">None: the map holds this template already.</p>
      ) : (
        <ul className="diff-lines">
          {lines.slice(0, 500).map((l) => (
            <li key={l}>
              <code>{l}</code>
            </li>
          ))}
          {lines.length > 500 && <li className="muted">… and {lines.length - 500} more</li>}
        </ul>
      )}
      {diff.conflicts.length > 0 && (
        <div className="diff-conflicts" role="alert">
          <h3>Conflicts: what other submissions asserted would change or go</h3>
          <ul>
            {diff.conflicts.map((c) => (
              <li key={`${c.change} ${c.target}`}>
                {c.target} {c.change === 'CHANGED' ? 'changed' : 'removed'}; asserted by{' '}
                {c.assertedBy.map((a) => `${a.contributor} on ${a.date}`).join(', ')}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
