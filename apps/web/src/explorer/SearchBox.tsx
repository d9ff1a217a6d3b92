// Type-ahead entity search (WAI-ARIA combobox with a listbox popup): arrows move,
// Enter picks, Escape closes. Queries `search` across all kinds after a short pause.
import { useLazyQuery } from '@apollo/client/react';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { EntityKind, SearchEntitiesQuery, SearchEntitiesQueryVariables } from '../generated/graphql';
import { KindIcon } from '../ui/KindIcon';
import { KIND_META, SUBSECTOR_LABEL, WORKFLOW_CATEGORY_LABEL } from './kinds';
import { SEARCH } from './queries';

export interface SearchHit {
  id: string;
  name: string;
  kind: EntityKind;
  detail: string | null;
  /** What matched when it was not the name, e.g. "category: Claims clearinghouse". */
  matched: string | null;
}

type RawHit = SearchEntitiesQuery['searchHits'][number];
type Raw = RawHit['entity'];

const FIELD_WORDS: Record<RawHit['matchedField'], string> = {
  NAME: 'name',
  ID: 'id',
  CATEGORY: 'category',
  TYPE: 'type',
  SECTOR_WORKFLOW: 'sector workflow',
  SUBSECTOR: 'subsector',
};

function matchedOf(h: RawHit): string | null {
  return h.matchedField === 'NAME' ? null : `${FIELD_WORDS[h.matchedField]}: ${h.matchedText}`;
}

function detailOf(e: Raw): string | null {
  if ('organization' in e && e.organization) {
    const cat = 'workflowCategory' in e ? WORKFLOW_CATEGORY_LABEL[e.workflowCategory] : null;
    return cat ? `${e.organization.name} · ${cat}` : e.organization.name;
  }
  if ('subsector' in e) return SUBSECTOR_LABEL[e.subsector] ?? e.subsector;
  if ('workflowCategory' in e) return WORKFLOW_CATEGORY_LABEL[e.workflowCategory] ?? e.workflowCategory;
  if ('category' in e) return e.category ?? null;
  return null;
}

export function SearchBox({
  label = 'Search entities',
  placeholder = 'Supplier, service, hospital, workflow…',
  kinds,
  onPick,
  clearOnPick = true,
}: {
  label?: string;
  placeholder?: string;
  kinds?: EntityKind[];
  onPick: (hit: SearchHit) => void;
  clearOnPick?: boolean;
}) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [run, { data, loading, error }] = useLazyQuery<SearchEntitiesQuery, SearchEntitiesQueryVariables>(
    SEARCH,
  );
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const t = text.trim();
    if (t.length < 2) return;
    const timer = setTimeout(() => {
      void run({ variables: { text: t, kinds: kinds ?? null, first: 12 } }).catch(() => {});
    }, 180);
    return () => clearTimeout(timer);
  }, [text, kinds, run]);

  const hits: SearchHit[] =
    text.trim().length >= 2
      ? (data?.searchHits ?? []).map((h) => ({
          id: h.entity.id,
          name: h.entity.name,
          kind: h.entity.kind,
          detail: detailOf(h.entity),
          matched: matchedOf(h),
        }))
      : [];
  const expanded = open && text.trim().length >= 2;

  const pick = (hit: SearchHit | undefined) => {
    if (!hit) return;
    onPick(hit);
    setOpen(false);
    if (clearOnPick) setText('');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(hits.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      if (expanded && hits.length > 0) {
        e.preventDefault();
        pick(hits[Math.min(active, hits.length - 1)]);
      }
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  const activeHit = expanded ? hits[active] : undefined;
  return (
    <div className="search">
      <label className="sr-only" htmlFor={`${listId}-input`}>
        {label}
      </label>
      <input
        id={`${listId}-input`}
        ref={inputRef}
        type="search"
        role="combobox"
        aria-label={label}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeHit ? `${listId}-${active}` : undefined}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {expanded && (
        <div className="search-results" id={listId} role="listbox" aria-label={`${label} results`}>
          {hits.map((h, i) => (
            // Options are reached with the arrow keys from the input (aria-activedescendant),
            // as the combobox pattern prescribes; they are not tab stops themselves.
            // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard handled by the combobox input
            <div
              key={h.id}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className={i === active ? 'option active' : 'option'}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(h)}
              title={h.name}
            >
              <KindIcon kind={h.kind} />
              <span className="hit-name">{h.name}</span>
              <span className="hit-detail">
                {KIND_META[h.kind].label}
                {h.detail ? ` · ${h.detail}` : ''}
              </span>
              {h.matched && <span className="hit-matched">matched {h.matched}</span>}
            </div>
          ))}
          {hits.length === 0 && (
            <div className="search-empty">
              {error ? `Search failed: ${error.message}` : loading ? 'Searching…' : 'No match'}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
