import { describe, expect, it } from 'vitest';
import { duplicateCandidates, GraphBuilder } from '../src/index';

// Three spellings of one clearinghouse, a near name, an unrelated supplier, and a
// service named like its supplier (another kind: never a duplicate of it).
const g = new GraphBuilder()
  .addNodes([
    { id: 'sup-a', kind: 'SUPPLIER', name: 'ClearHouse One' },
    { id: 'sup-b', kind: 'SUPPLIER', name: 'Clearhouse One, Inc.' },
    { id: 'sup-c', kind: 'SUPPLIER', name: 'CLEARHOUSE ONE (Optum)' },
    { id: 'sup-d', kind: 'SUPPLIER', name: 'Optum' },
    { id: 'sup-e', kind: 'SUPPLIER', name: 'Clearhouse One Payments' },
    { id: 'sup-f', kind: 'SUPPLIER', name: 'Stratus Cloud' },
    { id: 'svc-a', kind: 'SERVICE', name: 'ClearHouse One' },
  ])
  .build();
const ids = (nodes: number[]) => nodes.map((n) => g.ids[n]);

describe('duplicateCandidates', () => {
  it('groups the spellings of one supplier at score 1, with the evidence', () => {
    const [top, parent, ...rest] = duplicateCandidates(g, { kinds: ['SUPPLIER'] });
    // a, b, c share the core name
    expect(ids(top!.nodes)).toEqual(['sup-a', 'sup-b', 'sup-c']);
    expect(top!.score).toBe(1);
    expect(top!.evidence).toEqual([
      'same name once case, punctuation and legal forms are set aside: "clearhouse one"',
    ]);
    // c gives d (Optum) as its parent: the same organization or its parent, for the analyst
    expect(ids(parent!.nodes)).toEqual(['sup-c', 'sup-d']);
    expect(parent!.score).toBe(0.8);
    expect(parent!.evidence).toEqual(['"CLEARHOUSE ONE (Optum)" gives "Optum" as its parent or other name']);
    // sup-e shares 2 of 3 words with each of a, b, c
    expect(rest.map((c) => [ids(c.nodes), Number(c.score.toFixed(3))])).toEqual([
      [['sup-a', 'sup-e'], 0.667],
      [['sup-b', 'sup-e'], 0.667],
      [['sup-c', 'sup-e'], 0.667],
    ]);
    expect(rest[0]!.evidence).toEqual(['share 2 of 3 words: clearhouse, one']);
  });

  it('compares within one kind only, and honours minScore and first', () => {
    const all = duplicateCandidates(g, { kinds: ['SUPPLIER', 'SERVICE'] });
    for (const c of all) expect(new Set(c.nodes.map((n) => g.kindOf(n))).size).toBe(1);
    expect(duplicateCandidates(g, { kinds: ['SUPPLIER'], minScore: 1 }).length).toBe(1);
    expect(duplicateCandidates(g, { kinds: ['SUPPLIER'], minScore: 0.7 }).length).toBe(2);
    expect(duplicateCandidates(g, { kinds: ['SUPPLIER'], first: 2 }).length).toBe(2);
    expect(duplicateCandidates(g, { kinds: ['SERVICE'] })).toEqual([]);
  });
});
