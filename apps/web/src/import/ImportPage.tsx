// Import a SMART template: check it first (dry run: every problem with file, line and
// column, nothing written), then import it in one transaction.
import { useApolloClient } from '@apollo/client/react';
import { type FormEvent, useId, useState } from 'react';
import { invalidateGraphData } from '../apollo';
import { isEntityKind, KIND_META } from '../explorer/kinds';
import type { ImportTemplateMutation } from '../generated/graphql';
import { IMPORT_TEMPLATE } from './queries';
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

export function ImportPage() {
  const client = useApolloClient();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
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
        { fileName: file.name, contentBase64: content, replace, dryRun },
        (phase, fraction) => setProgress({ phase, fraction, dryRun }),
      );
      if (res.errors?.length) throw new Error(res.errors.map((e) => e.message).join('; '));
      if (!res.data) throw new Error('The server sent no result.');
      setResult(res.data.importTemplate);
      // Everything cached describes the old graph.
      if (!dryRun && res.data.importTemplate.ok) invalidateGraphData(client);
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

  return (
    <div className="page import">
      <header className="page-head">
        <h1>Import a SMART template</h1>
        <p className="muted">
          An .xlsx workbook or a .zip of CSV files (organizations, suppliers, services, assets, workflows,
          critical_functions, workflow_functions, dependencies), or one table's .csv. The file is checked
          first; nothing is written unless every row is valid.
        </p>
      </header>
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
              setResult(null);
              setError(f && !acceptedFile(f.name) ? `Choose a ${ACCEPTED.join(', ')} file.` : null);
            }}
          />
          <label className="check">
            <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
            Replace: remove entities and dependencies the template no longer holds
          </label>
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
                className="primary"
                disabled={progress !== null}
                onClick={() => void run(false)}
              >
                Import {result.rows.toLocaleString('en-US')} rows
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
              </p>
            )}
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
                      <th scope="row">{isEntityKind(s.kind) ? KIND_META[s.kind].plural : cap(s.kind)}</th>
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
