// "What if…" on a simulation (issue 14 item 1): the analyst builds changes to the map
// (a dependency added or removed, an alternative, a workflow's workaround, an entity
// shielded), runs the same failure with them, and sees the baseline and the changed
// figures side by side. The changes go to the API with the impact input and are never
// written to the map; they can be saved with the scenario.
import { skipToken, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { percent } from '../explorer/details';
import { SearchBox, type SearchHit } from '../explorer/SearchBox';
import type {
  EntityKind,
  ImpactInput,
  WhatIfGroupsQuery,
  WhatIfGroupsQueryVariables,
  WhatIfQuery,
  WhatIfQueryVariables,
} from '../generated/graphql';
import { KindIcon } from '../ui/KindIcon';
import { WHAT_IF, WHAT_IF_GROUPS } from './queries';
import { SaveScenario } from './SaveScenario';
import {
  type DraftChange,
  addDependency,
  alternative,
  removeDependency,
  setWorkflow,
  sideBySide,
  unaffected,
} from './whatif';

type ChangeKind = 'add' | 'remove' | 'alternative' | 'workflow' | 'unaffected';

const KINDS: [ChangeKind, string][] = [
  ['alternative', 'Add an alternative to a dependency'],
  ['add', 'Add a dependency'],
  ['remove', 'Remove a dependency'],
  ['workflow', "Set a workflow's workaround"],
  ['unaffected', 'Mark an entity unaffected'],
];

const DEPENDENT: EntityKind[] = ['WORKFLOW', 'ASSET', 'SERVICE'];
const DEPENDENCY: EntityKind[] = ['SERVICE', 'SUPPLIER', 'ASSET', 'WORKFLOW'];

/** One entity picked by search, shown as a chip once picked. */
function Pick({
  label,
  kinds,
  value,
  onChange,
}: {
  label: string;
  kinds?: EntityKind[];
  value: SearchHit | null;
  onChange: (h: SearchHit | null) => void;
}) {
  if (value)
    return (
      <div className="what-if-pick">
        <span className="small muted">{label}</span>
        <span className="chip">
          <KindIcon kind={value.kind} size={12} />
          {value.name}
          {value.detail ? <span className="muted small"> · {value.detail}</span> : null}
          <button type="button" aria-label={`Clear ${label}`} onClick={() => onChange(null)}>
            ×
          </button>
        </span>
      </div>
    );
  return (
    <div className="what-if-pick">
      <SearchBox label={label} placeholder={`${label}…`} kinds={kinds} onPick={onChange} />
    </div>
  );
}

/** A number field that may be left empty (null). */
function optionalNumber(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : Number.NaN;
}

function ChangeBuilder({ onAdd }: { onAdd: (changes: DraftChange[]) => void }) {
  const [kind, setKind] = useState<ChangeKind>('alternative');
  const [from, setFrom] = useState<SearchHit | null>(null);
  const [to, setTo] = useState<SearchHit | null>(null);
  const [alt, setAlt] = useState<SearchHit | null>(null);
  const [strength, setStrength] = useState('');
  const [tolerance, setTolerance] = useState('');
  const [capacity, setCapacity] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // The dependent's groups: an alternative joins the group its dependency is already in.
  const groups = useQuery<WhatIfGroupsQuery, WhatIfGroupsQueryVariables>(
    WHAT_IF_GROUPS,
    kind === 'alternative' && from ? { variables: { id: from.id } } : skipToken,
  );
  const reset = () => {
    setFrom(null);
    setTo(null);
    setAlt(null);
    setStrength('');
    setTolerance('');
    setCapacity('');
    setProblem(null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need = (v: SearchHit | null, what: string) => {
      if (!v) throw new Error(`Pick ${what}.`);
      return v;
    };
    try {
      if (kind === 'add') {
        const s = optionalNumber(strength);
        if (s !== null && !(s >= 0 && s <= 100)) throw new Error('Strength is a percentage from 0 to 100.');
        onAdd([
          addDependency(
            need(from, 'the dependent'),
            need(to, 'what it depends on'),
            s === null ? null : s / 100,
          ),
        ]);
      } else if (kind === 'remove') {
        onAdd([removeDependency(need(from, 'the dependent'), need(to, 'the dependency to remove'))]);
      } else if (kind === 'alternative') {
        const current = need(to, 'the dependency it has');
        if (groups.loading) throw new Error('Reading the dependencies; try again in a moment.');
        const existing =
          groups.data?.dependencies.find((g) => g.group && g.alternatives.some((d) => d.to.id === current.id))
            ?.group ?? null;
        onAdd(alternative(need(from, 'the dependent'), current, need(alt, 'the alternative'), existing));
      } else if (kind === 'workflow') {
        const t = optionalNumber(tolerance);
        const c = optionalNumber(capacity);
        if (t === null && c === null) throw new Error('Give a workaround time, a capacity, or both.');
        if (t !== null && !(t >= 0)) throw new Error('The workaround time is a number of hours ≥ 0.');
        if (c !== null && !(c >= 0 && c <= 100))
          throw new Error('The capacity is a percentage from 0 to 100.');
        onAdd([setWorkflow(need(from, 'the workflow'), t, c === null ? null : c / 100)]);
      } else {
        onAdd([unaffected(need(from, 'the entity'))]);
      }
      reset();
    } catch (err) {
      setProblem((err as Error).message);
    }
  };
  return (
    <form className="form what-if-builder" onSubmit={submit} aria-label="Build a change">
      <label>
        Change
        <select
          aria-label="Kind of change"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as ChangeKind);
            reset();
          }}
        >
          {KINDS.map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {kind === 'workflow' ? (
        <>
          <Pick label="Workflow" kinds={['WORKFLOW']} value={from} onChange={setFrom} />
          <label>
            Workaround holds (hours)
            <input inputMode="decimal" value={tolerance} onChange={(e) => setTolerance(e.target.value)} />
          </label>
          <label>
            Workaround capacity (% of normal volume)
            <input inputMode="decimal" value={capacity} onChange={(e) => setCapacity(e.target.value)} />
          </label>
        </>
      ) : kind === 'unaffected' ? (
        <Pick label="Entity" value={from} onChange={setFrom} />
      ) : (
        <>
          <Pick label="Dependent" kinds={DEPENDENT} value={from} onChange={setFrom} />
          <Pick
            label={
              kind === 'alternative' ? 'Current dependency' : kind === 'add' ? 'Depends on' : 'Dependency'
            }
            kinds={DEPENDENCY}
            value={to}
            onChange={setTo}
          />
          {kind === 'alternative' && (
            <Pick label="Alternative" kinds={DEPENDENCY} value={alt} onChange={setAlt} />
          )}
          {kind === 'add' && (
            <label>
              Strength (% of its function lost; empty = 100)
              <input inputMode="decimal" value={strength} onChange={(e) => setStrength(e.target.value)} />
            </label>
          )}
        </>
      )}
      {problem && (
        <p className="alert small" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="submit">Add change</button>
      </div>
    </form>
  );
}

export function WhatIfPanel({
  input,
  defaultName,
  canSave,
}: {
  /** The simulation on screen (its failure, duration and model). */
  input: ImpactInput;
  defaultName: string;
  canSave: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [drafts, setDrafts] = useState<(DraftChange & { key: number })[]>([]);
  const [nextKey, setNextKey] = useState(0);
  // The changes of the comparison on screen (the list may have moved on since).
  const [applied, setApplied] = useState<DraftChange[] | null>(null);
  const changed = applied ? { ...input, changes: applied.map((d) => d.change) } : null;
  const query = useQuery<WhatIfQuery, WhatIfQueryVariables>(
    WHAT_IF,
    changed ? { variables: { baseline: input, changed } } : skipToken,
  );
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        What if…
      </button>
    );
  const rows = query.data ? sideBySide(query.data.baseline, query.data.changed) : [];
  const stale = applied !== null && applied !== drafts;
  return (
    <section className="what-if" aria-label="What if">
      <h3>What if…</h3>
      <p className="muted small">
        Try changes to the map on this failure. They apply to this comparison only: nothing is written to the
        map.
      </p>
      <ChangeBuilder
        onAdd={(more) => {
          setDrafts((xs) => [...xs, ...more.map((d, i) => ({ ...d, key: nextKey + i }))]);
          setNextKey((k) => k + more.length);
        }}
      />
      {drafts.length > 0 ? (
        <ol className="what-if-changes" aria-label="Changes">
          {drafts.map((d, i) => (
            <li key={d.key}>
              {d.label}{' '}
              <button
                type="button"
                className="link small"
                aria-label={`Remove change ${i + 1}`}
                onClick={() => setDrafts((xs) => xs.filter((_, k) => k !== i))}
              >
                remove
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted small">No change yet.</p>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={drafts.length === 0}
          onClick={() => setApplied(drafts)}
        >
          Compare with these changes
        </button>
        <button
          type="button"
          onClick={() => {
            setOpen(false);
            setDrafts([]);
            setApplied(null);
          }}
        >
          Close
        </button>
      </div>
      {query.error && (
        <p className="alert" role="alert">
          The changed simulation failed: {query.error.message}
        </p>
      )}
      {query.loading && <p className="muted small">Simulating…</p>}
      {query.data && applied && (
        <>
          {stale && <p className="muted small">The changes were edited since: compare again to update.</p>}
          <table className="what-if-table" aria-label="Baseline and with changes">
            <thead>
              <tr>
                <th scope="col">Measure</th>
                <th scope="col">Baseline</th>
                <th scope="col">With changes</th>
                <th scope="col">Difference</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const show = (v: number) => (r.share ? percent(v) : v.toLocaleString('en-US'));
                const d = r.changed - r.baseline;
                const diff =
                  d === 0
                    ? '—'
                    : r.share
                      ? `${d > 0 ? '+' : '−'}${percent(Math.abs(d))}`
                      : `${d > 0 ? '+' : '−'}${Math.abs(d).toLocaleString('en-US')}`;
                return (
                  <tr key={r.key} data-row={r.key}>
                    <th scope="row">{r.share ? `Capacity loss: ${r.label}` : r.label}</th>
                    <td data-side="baseline">{show(r.baseline)}</td>
                    <td data-side="changed">{show(r.changed)}</td>
                    <td className={d < 0 ? 'better' : d > 0 ? 'worse' : undefined}>{diff}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {canSave && (
            <SaveScenario
              input={input}
              changes={applied.map((d) => d.change)}
              defaultName={`${defaultName} · what if (${applied.length} ${applied.length === 1 ? 'change' : 'changes'})`}
              openLabel="Save with changes as scenario…"
            />
          )}
        </>
      )}
    </section>
  );
}
