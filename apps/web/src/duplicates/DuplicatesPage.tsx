// Possible duplicates: suppliers (or services) that two submissions spelled
// differently ("ClearHouse One" / "Clearhouse One, Inc."), which would split one
// vendor's systemic risk in two. Each candidate shows its score and why it matched;
// the entities open in the explorer, where an analyst can compare them, and an analyst
// can merge them (MergeCandidate: preview, merge, undo).
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { can } from '../auth/roles';
import type {
  DuplicateCandidatesQuery,
  DuplicateCandidatesQueryVariables,
  EntityKind,
  Role,
} from '../generated/graphql';
import { KindIcon } from '../ui/KindIcon';
import { Link } from '../ui/Link';
import { HOME } from '../url/route';
import { type DoneMerge, MergeCandidate, MergedBanner } from './MergeCandidate';
import { DUPLICATE_CANDIDATES } from './queries';

const KIND_CHOICES: { kinds: EntityKind[]; label: string }[] = [
  { kinds: ['SUPPLIER'], label: 'Suppliers' },
  { kinds: ['SERVICE'], label: 'Services' },
  { kinds: ['ORGANIZATION'], label: 'Organizations' },
];
const SCORES = [
  { value: 1, label: 'same name (100 %)' },
  { value: 0.8, label: 'same name or parent (80 % and up)' },
  { value: 0.6, label: 'most words in common (60 % and up)' },
  { value: 0.4, label: 'some words in common (40 % and up)' },
];

export function DuplicatesPage({ role }: { role: Role }) {
  const [choice, setChoice] = useState(0);
  const [minScore, setMinScore] = useState(0.6);
  const [merged, setMerged] = useState<DoneMerge | null>(null);
  const kinds = KIND_CHOICES[choice]!.kinds;
  const q = useQuery<DuplicateCandidatesQuery, DuplicateCandidatesQueryVariables>(DUPLICATE_CANDIDATES, {
    variables: { kinds, minScore, first: 100 },
  });
  const rows = q.data?.duplicateCandidates ?? [];
  return (
    <section className="page duplicates">
      <h1>Possible duplicates</h1>
      <p className="lede">
        Entities whose names say they may be one organization, spelled differently by two submissions. Left as
        two, they split one vendor's dependents — and its systemic risk — in two.
      </p>
      <div className="filters">
        <label className="inline-field">
          Compare{' '}
          <select value={choice} onChange={(e) => setChoice(Number(e.target.value))}>
            {KIND_CHOICES.map((c, i) => (
              <option key={c.label} value={i}>
                {c.label}
              </option>
            ))}
          </select>
        </label>{' '}
        <label className="inline-field">
          Match{' '}
          <select value={minScore} onChange={(e) => setMinScore(Number(e.target.value))}>
            {SCORES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {merged && (
        <MergedBanner
          done={merged}
          onUndone={() => {
            setMerged(null);
            void q.refetch();
          }}
        />
      )}
      {q.error && (
        <p className="alert" role="alert">
          Could not load the candidates: {q.error.message}
        </p>
      )}
      {q.loading && !q.data && <p className="status">Comparing names…</p>}
      {q.data && (
        <p className="status" aria-live="polite">
          {rows.length === 0
            ? 'No possible duplicates at this level.'
            : `${rows.length} possible duplicate${rows.length === 1 ? '' : 's'}${rows.length === 100 ? ' (the first 100)' : ''}.`}
        </p>
      )}
      <ol className="duplicate-list">
        {rows.map((c) => (
          <li key={c.entities.map((e) => e.id).join(' ')}>
            <p className="duplicate-score">{Math.round(c.score * 100)} % alike</p>
            <ul>
              {c.entities.map((e) => (
                <li key={e.id}>
                  <KindIcon kind={e.kind} />{' '}
                  <Link to={{ ...HOME, focus: e.id }} title={e.name}>
                    {e.name}
                  </Link>{' '}
                  <code>{e.id}</code>
                </li>
              ))}
            </ul>
            <ul className="evidence">
              {c.evidence.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
            {can(role, 'edit') && (
              <MergeCandidate
                members={c.entities}
                onMerged={(m) => {
                  setMerged(m);
                  void q.refetch();
                }}
              />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
