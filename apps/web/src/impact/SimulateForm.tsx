// What-if input: which entities fail, for how long, under which model.
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { SearchBox } from '../explorer/SearchBox';
import type { EntityKind, ImpactModel } from '../generated/graphql';
import { KindIcon } from '../ui/KindIcon';
import type { ImpactRoute } from '../url/route';
import { lastOutageHours } from '../settings';
import { DURATION_STOPS, formatHours, stopsWith } from './duration';

export interface Named {
  id: string;
  name: string;
  kind?: EntityKind;
}

export function SimulateForm({
  current,
  suggestion,
  names,
  onRun,
  onClear,
}: {
  /** The simulation on screen, if any. */
  current: ImpactRoute | null;
  /** The selected entity, offered when nothing is chosen yet. */
  suggestion: Named | null;
  names: ReadonlyMap<string, Named>;
  onRun: (r: ImpactRoute) => void;
  onClear: () => void;
}) {
  const [ids, setIds] = useState<string[]>(current?.ids ?? (suggestion ? [suggestion.id] : []));
  // A new form starts from the simulation on screen, else from the last outage run.
  const start = current && current.invalidHours === undefined ? current.hours : lastOutageHours();
  const [finite, setFinite] = useState<number>(start ?? DURATION_STOPS[7]!);
  const [indefinite, setIndefinite] = useState(start === null);
  // The slider's stops include the hours being shown (54 h from a link), so it shows them exactly.
  const [extra, setExtra] = useState<number | null>(start);
  const stops = useMemo(() => stopsWith(extra), [extra]);
  const stop = Math.max(0, stops.indexOf(finite));
  const [model, setModel] = useState<ImpactModel>(current?.model ?? 'DISCRETE');
  const [picked, setPicked] = useState<Map<string, Named>>(new Map());

  // A new simulation from elsewhere (a deep link, "Simulate failure") resets the form.
  const key = current
    ? `${current.ids.join(',')}|${current.hours}|${current.invalidHours}|${current.model}`
    : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the simulation's identity
  useEffect(() => {
    if (!current) return;
    setIds(current.ids);
    setModel(current.model);
    if (current.invalidHours !== undefined) return; // keep the form's duration; the page says why
    if (current.hours !== null) {
      setFinite(current.hours);
      setExtra(current.hours);
    }
    setIndefinite(current.hours === null);
  }, [key]);
  useEffect(() => {
    if (!current && suggestion && ids.length === 0) setIds([suggestion.id]);
  }, [current, suggestion, ids.length]);

  const nameOf = (id: string): Named =>
    picked.get(id) ?? names.get(id) ?? (suggestion?.id === id ? suggestion : { id, name: id });
  const hours = indefinite ? null : finite;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ids.length > 0) onRun({ ids, hours, model, at: null });
  };

  return (
    <form className="simulate form" onSubmit={submit} aria-label="Simulate a failure">
      <fieldset>
        <legend>Failed entities</legend>
        <ul className="chips">
          {ids.map((id) => {
            const n = nameOf(id);
            return (
              <li key={id} className="chip">
                {n.kind && <KindIcon kind={n.kind} size={12} />}
                {n.name}
                <button
                  type="button"
                  aria-label={`Remove ${n.name}`}
                  onClick={() => setIds((xs) => xs.filter((x) => x !== id))}
                >
                  ×
                </button>
              </li>
            );
          })}
          {ids.length === 0 && <li className="muted small">Add at least one entity.</li>}
        </ul>
        <SearchBox
          label="Add an entity to fail"
          placeholder="Add supplier, service, organization…"
          onPick={(h) => {
            setPicked((m) => new Map(m).set(h.id, h));
            setIds((xs) => (xs.includes(h.id) ? xs : [...xs, h.id]));
          }}
        />
        {suggestion && !ids.includes(suggestion.id) && (
          <button type="button" className="link small" onClick={() => setIds((xs) => [...xs, suggestion.id])}>
            + add the selected {suggestion.name}
          </button>
        )}
      </fieldset>
      <fieldset>
        <legend>Outage duration</legend>
        <div className="duration">
          <input
            type="range"
            min={0}
            max={stops.length - 1}
            step={1}
            value={stop}
            disabled={indefinite}
            aria-label="Outage duration"
            aria-valuetext={formatHours(finite)}
            onChange={(e) => setFinite(stops[Number(e.target.value)] ?? finite)}
          />
          <output className="duration-value">{formatHours(hours)}</output>
        </div>
        <label className="check">
          <input type="checkbox" checked={indefinite} onChange={(e) => setIndefinite(e.target.checked)} />
          Indefinite (no recovery)
        </label>
      </fieldset>
      <fieldset>
        <legend>Model</legend>
        <label className="check">
          <input
            type="radio"
            name="model"
            checked={model === 'DISCRETE'}
            onChange={() => setModel('DISCRETE')}
          />
          Discrete: fail or hold, with workaround times
        </label>
        <label className="check">
          <input
            type="radio"
            name="model"
            checked={model === 'INOPERABILITY'}
            onChange={() => setModel('INOPERABILITY')}
          />
          Inoperability: partial loss by dependency strength
        </label>
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={ids.length === 0}>
          Run simulation
        </button>
        {current && (
          <button type="button" onClick={onClear}>
            Close simulation
          </button>
        )}
      </div>
    </form>
  );
}
