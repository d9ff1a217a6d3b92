// Merging one candidate (ANALYST and up): pick the entity that stays, see what moves
// (mergePreview: relationships moved, merged into the survivor's own, dropped), merge
// with the preview's version (refused if anything changed since), and undo right after.
import { useApolloClient } from '@apollo/client/react';
import { useRef, useState } from 'react';
import { invalidateGraphData } from '../apollo';
import { failureOf } from '../edit/run';
import type { MergeEntitiesMutation, MergePreviewQuery, UndoMergeMutation } from '../generated/graphql';
import { MERGE_ENTITIES, MERGE_PREVIEW, UNDO_MERGE } from './queries';

interface Member {
  id: string;
  name: string;
}

type Preview = MergePreviewQuery['mergePreview'];

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** What the preview says, in words. */
export function previewText(p: Pick<Preview, 'moved' | 'merged' | 'dropped'>, survivor: string): string {
  const parts = [`moves ${plural(p.moved, 'relationship')} to ${survivor}`];
  if (p.merged > 0) parts.push(`${plural(p.merged, 'becomes', 'become')} one with ${survivor}'s own`);
  if (p.dropped > 0) parts.push(`drops ${plural(p.dropped, 'link')} that would be redundant`);
  return `Merging ${parts.join('; ')}.`;
}

export interface DoneMerge {
  survivor: Member;
  others: Member[];
}

export function MergeCandidate({
  members,
  onMerged,
}: {
  members: Member[];
  onMerged: (m: DoneMerge) => void;
}) {
  const client = useApolloClient();
  const [open, setOpen] = useState(false);
  const [survivor, setSurvivor] = useState(members[0]!.id);
  const [preview, setPreview] = useState<Preview | null>(null);
  // The survivor whose preview was asked for last: an older answer (another survivor's,
  // arriving late) is dropped, so the preview shown and the version sent are the choice's.
  const asked = useRef<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameOf = (id: string) => members.find((m) => m.id === id)?.name ?? id;
  const others = members.filter((m) => m.id !== survivor).map((m) => m.id);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
    } catch (err) {
      setFailure(failureOf(err).message);
    } finally {
      setBusy(false);
    }
  };
  const loadPreview = (id: string) =>
    run(async () => {
      setPreview(null);
      asked.current = id;
      const res = await client.query<MergePreviewQuery>({
        query: MERGE_PREVIEW,
        variables: { survivor: id, others: members.filter((m) => m.id !== id).map((m) => m.id) },
        fetchPolicy: 'network-only',
      });
      if (asked.current === id) setPreview(res.data?.mergePreview ?? null);
    });

  if (!open)
    return (
      <button
        type="button"
        className="merge-open"
        onClick={() => {
          setOpen(true);
          void loadPreview(survivor);
        }}
      >
        Merge…
      </button>
    );
  return (
    <div className="merge-form">
      <fieldset>
        <legend>Keep</legend>
        {members.map((m) => (
          <label key={m.id} className="inline-field">
            <input
              type="radio"
              name={`survivor-${members.map((x) => x.id).join('-')}`}
              value={m.id}
              checked={survivor === m.id}
              onChange={() => {
                setSurvivor(m.id);
                void loadPreview(m.id);
              }}
            />{' '}
            {m.name} <code>{m.id}</code>
          </label>
        ))}
      </fieldset>
      {preview && (
        <div className="merge-preview">
          <p>{previewText(preview, nameOf(survivor))}</p>
          <p className="hint">
            {plural(others.length, 'entity', 'entities')} will go; their ids stay as aliases of{' '}
            {nameOf(survivor)}, so later imports that use them land on it.
          </p>
        </div>
      )}
      {failure && (
        <p className="alert" role="alert">
          {failure}
        </p>
      )}
      <button
        type="button"
        disabled={busy || !preview}
        onClick={() =>
          run(async () => {
            await client.mutate<MergeEntitiesMutation>({
              mutation: MERGE_ENTITIES,
              variables: { survivor, others, expectedVersion: preview!.version },
            });
            // Every view's data is older than the merge: read again what is on screen.
            invalidateGraphData(client);
            onMerged({
              survivor: members.find((m) => m.id === survivor)!,
              others: members.filter((m) => m.id !== survivor),
            });
          })
        }
      >
        Merge into {nameOf(survivor)}
      </button>{' '}
      <button type="button" disabled={busy} onClick={() => setOpen(false)}>
        Cancel
      </button>
    </div>
  );
}

/** The merge just made, with its Undo (the candidate itself leaves the list once merged). */
export function MergedBanner({ done, onUndone }: { done: DoneMerge; onUndone: () => void }) {
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <div className="merge-done" role="status">
      Merged {done.others.map((o) => o.name).join(', ')} into {done.survivor.name}.{' '}
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setFailure(null);
          try {
            await client.mutate<UndoMergeMutation>({
              mutation: UNDO_MERGE,
              variables: { survivor: done.survivor.id },
            });
            invalidateGraphData(client);
            onUndone();
          } catch (err) {
            setFailure(failureOf(err).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        Undo merge
      </button>
      {failure && (
        <p className="alert" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
