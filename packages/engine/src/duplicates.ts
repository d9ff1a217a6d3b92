// Possible duplicates: entities of one kind whose names say they are the same
// organization ("ClearHouse One" / "Clearhouse One, Inc." / "CLEARHOUSE ONE (Optum)"),
// proposed with the evidence and a score for an analyst to confirm. Names are
// normalized by @smart/domain (normalizeName). The same core name groups entities at
// score 1; a core that is another's parent or trade name pairs them at
// ALIAS_SIMILARITY (the same organization, or its parent: the analyst decides);
// otherwise pairs sharing words are scored by the overlap of their words. Candidate pairs come from an index
// of words, so the work follows the pairs that share a word, not all n² pairs.
import {
  ALIAS_SIMILARITY,
  type EntityKind,
  type NormalizedName,
  nameSimilarity,
  normalizeName,
} from '@smart/domain';
import type { CompactGraph } from './graph';

export interface DuplicateCandidate {
  /** Node indices, by id. */
  nodes: number[];
  score: number;
  evidence: string[];
}

export interface DuplicateOptions {
  kinds?: readonly EntityKind[];
  /** Lowest score proposed, 0–1 (default 0.6). */
  minScore?: number;
  first?: number;
}

/** A word in more names than this identifies none of them ("health", "systems"): not indexed. */
const COMMON_WORD = 50;

export function duplicateCandidates(g: CompactGraph, opts: DuplicateOptions = {}): DuplicateCandidate[] {
  const kinds = new Set(opts.kinds?.length ? opts.kinds : (['SUPPLIER', 'SERVICE'] as EntityKind[]));
  const minScore = opts.minScore ?? 0.6;
  const first = opts.first ?? 100;
  const names = new Map<number, NormalizedName>();
  for (let n = 0; n < g.nodeCount; n++) if (kinds.has(g.kindOf(n))) names.set(n, normalizeName(g.names[n]!));

  // Score-1 groups: the same core name, or a core that is another's alias, per kind.
  const parent = new Map<number, number>();
  const find = (n: number): number => {
    let r = n;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(n, r);
    return r;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  };
  const byCore = new Map<string, number[]>();
  for (const [n, nm] of names) {
    if (!nm.core) continue;
    const key = `${g.kinds[n]}\u0000${nm.core}`;
    byCore.set(key, [...(byCore.get(key) ?? []), n]);
  }
  const evidence = new Map<number, Set<string>>();
  const say = (n: number, text: string) => {
    const set = evidence.get(n) ?? new Set();
    set.add(text);
    evidence.set(n, set);
  };
  for (const group of byCore.values()) {
    for (const n of group.slice(1)) union(group[0]!, n);
    if (group.length > 1)
      for (const n of group)
        say(n, `same name once case, punctuation and legal forms are set aside: "${names.get(n)!.core}"`);
  }
  const groups = new Map<number, number[]>();
  for (const n of names.keys()) {
    if (!parent.has(n)) continue;
    const r = find(n);
    groups.set(r, [...(groups.get(r) ?? []), n]);
  }
  const out: DuplicateCandidate[] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const ev = new Set<string>();
    for (const n of members) for (const e of evidence.get(n) ?? []) ev.add(e);
    out.push({ nodes: members.sort((a, b) => a - b), score: 1, evidence: [...ev].sort() });
  }

  // A name that gives another's core as its parent or other name.
  if (minScore <= ALIAS_SIMILARITY) {
    for (const [n, nm] of names) {
      for (const alias of nm.aliases) {
        for (const m of byCore.get(`${g.kinds[n]}\u0000${alias}`) ?? []) {
          if (m === n || (parent.has(m) && parent.has(n) && find(m) === find(n))) continue;
          out.push({
            nodes: [Math.min(n, m), Math.max(n, m)],
            score: ALIAS_SIMILARITY,
            evidence: [`"${g.names[n]}" gives "${g.names[m]}" as its parent or other name`],
          });
        }
      }
    }
  }

  // Pairs that share a word, scored by word overlap (below 1: not the same core name).
  if (minScore < 1) {
    const byWord = new Map<string, number[]>();
    for (const [n, nm] of names) {
      for (const t of new Set(nm.tokens)) {
        const key = `${g.kinds[n]}\u0000${t}`;
        byWord.set(key, [...(byWord.get(key) ?? []), n]);
      }
    }
    const seen = new Set<string>();
    for (const list of byWord.values()) {
      if (list.length < 2 || list.length > COMMON_WORD) continue;
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const a = list[i]!;
          const b = list[j]!;
          const key = `${a},${b}`;
          if (seen.has(key)) continue;
          seen.add(key);
          if (parent.has(a) && parent.has(b) && find(a) === find(b)) continue;
          const x = names.get(a)!;
          const y = names.get(b)!;
          const score = nameSimilarity(x, y);
          // Same core or alias pairs are proposed above.
          if (score < minScore || score >= ALIAS_SIMILARITY) continue;
          const shared = x.tokens.filter((t) => y.tokens.includes(t));
          const all = new Set([...x.tokens, ...y.tokens]).size;
          out.push({
            nodes: [a, b],
            score,
            evidence: [`share ${new Set(shared).size} of ${all} words: ${[...new Set(shared)].join(', ')}`],
          });
        }
      }
    }
  }
  out.sort((p, q) => q.score - p.score || q.nodes.length - p.nodes.length || p.nodes[0]! - q.nodes[0]!);
  return out.filter((c) => c.score >= minScore).slice(0, first);
}
