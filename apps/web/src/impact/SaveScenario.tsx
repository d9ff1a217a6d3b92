import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import type {
  GraphChangeInput,
  ImpactInput,
  SaveScenarioMutation,
  SaveScenarioMutationVariables,
} from '../generated/graphql';
import { SAVE_SCENARIO, SCENARIOS } from '../scenarios/queries';
import { Link } from '../ui/Link';

export function SaveScenario({
  input,
  changes,
  defaultName,
  openLabel = 'Save as scenario…',
}: {
  /** The simulation to save (failure, duration, model). */
  input: ImpactInput;
  /** What-if changes saved with it (the "What if…" panel's). */
  changes?: GraphChangeInput[];
  defaultName: string;
  openLabel?: string;
}) {
  const [name, setName] = useState(defaultName);
  const [notes, setNotes] = useState('');
  const [open, setOpen] = useState(false);
  const [save, { data, loading, error, reset }] = useMutation<
    SaveScenarioMutation,
    SaveScenarioMutationVariables
  >(SAVE_SCENARIO, { refetchQueries: [{ query: SCENARIOS }] });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await save({
      variables: {
        input: {
          name: name.trim() || defaultName,
          notes: notes.trim() || null,
          impact: changes?.length ? { ...input, changes } : input,
        },
      },
    }).catch(() => {});
  };
  if (data && !error)
    return (
      <p className="ok small" role="status">
        Saved as{' '}
        <Link to={{ view: 'scenarios', id: data.saveScenario.id, compare: null }}>
          {data.saveScenario.name}
        </Link>
        .{' '}
        <button
          type="button"
          className="link"
          onClick={() => {
            reset();
            setOpen(false);
          }}
        >
          Save another
        </button>
      </p>
    );
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {openLabel}
      </button>
    );
  return (
    <form className="form save-scenario" onSubmit={submit} aria-label="Save scenario">
      <label>
        Scenario name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      <label>
        Notes
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={2} maxLength={2000} />
      </label>
      {error && (
        <p className="alert" role="alert">
          Could not save: {error.message}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={loading}>
          {loading ? 'Saving…' : 'Save scenario'}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
