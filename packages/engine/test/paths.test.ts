import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EntityKind,
  GraphBuilder,
  InvalidInputError,
  type PathDirection,
  paths,
  shortestPath,
  UnknownEntityError,
} from '../src/index';
import { arbCase, type Plain, toGraph } from './helpers';

// Seeded so a failure replays: FC_SEED=<n> runs another sequence (fast-check prints the
// seed and path of a failing case).
const SEED = Number(process.env.FC_SEED ?? 20261202);

/**
 *   S ── s1 ◄── w1 ◄── w4 (and w1 depends on w4: a cycle)
 *     │     ◄── w2
 *     └─ s2 ◄── w2
 *           ◄── a1 ◄── w3
 *   w1 supports cf;  org performs w1
 */
function sample() {
  return new GraphBuilder()
    .addNode({ id: 'S', kind: 'SUPPLIER' })
    .addNode({ id: 's1', kind: 'SERVICE' })
    .addNode({ id: 's2', kind: 'SERVICE' })
    .addNode({ id: 'a1', kind: 'ASSET' })
    .addNode({ id: 'w1', kind: 'WORKFLOW' })
    .addNode({ id: 'w2', kind: 'WORKFLOW' })
    .addNode({ id: 'w3', kind: 'WORKFLOW' })
    .addNode({ id: 'w4', kind: 'WORKFLOW' })
    .addNode({ id: 'cf', kind: 'CRITICAL_FUNCTION' })
    .addNode({ id: 'org', kind: 'ORGANIZATION' })
    .addNode({ id: 'lonely', kind: 'SERVICE' })
    .addProvidedBy('s1', 'S')
    .addProvidedBy('s2', 'S')
    .addDependency({ from: 'w1', to: 's1' })
    .addDependency({ from: 'w2', to: 's1', group: 'g' })
    .addDependency({ from: 'w2', to: 's2', group: 'g' })
    .addDependency({ from: 'a1', to: 's2' })
    .addDependency({ from: 'w3', to: 'a1' })
    .addDependency({ from: 'w4', to: 'w1' })
    .addDependency({ from: 'w1', to: 'w4' })
    .addSupports('w1', 'cf')
    .addPerforms('org', 'w1')
    .build();
}

const nodesOf = (ps: { nodes: string[] }[]) => ps.map((p) => p.nodes.join(' '));

describe('paths (§4)', () => {
  const g = sample();

  it('follows dependents and a supplier’s services, shortest first, then by ids', () => {
    expect(nodesOf(paths(g, 'S'))).toEqual(['S s1 w1', 'S s1 w2', 'S s2 w2', 'S s1 w1 w4', 'S s2 a1 w3']);
    expect(paths(g, 'S')[3]).toEqual({ nodes: ['S', 's1', 'w1', 'w4'], length: 3 });
  });

  it('continues through target workflows; paths stay simple on cycles', () => {
    expect(nodesOf(paths(g, 's1'))).toEqual(['s1 w1', 's1 w2', 's1 w1 w4']);
    expect(nodesOf(paths(g, 'w4'))).toEqual(['w4 w1']);
  });

  it('reaches critical functions through SUPPORTS', () => {
    expect(nodesOf(paths(g, 'S', { toKinds: ['CRITICAL_FUNCTION'] }))).toEqual(['S s1 w1 cf']);
    expect(nodesOf(paths(g, 'S', { toKinds: ['ASSET', 'CRITICAL_FUNCTION'] }))).toEqual([
      'S s2 a1',
      'S s1 w1 cf',
    ]);
  });

  it('honours maxDepth and limit', () => {
    expect(nodesOf(paths(g, 'S', { maxDepth: 2 }))).toEqual(['S s1 w1', 'S s1 w2', 'S s2 w2']);
    expect(nodesOf(paths(g, 'S', { limit: 2 }))).toEqual(['S s1 w1', 'S s1 w2']);
    expect(paths(g, 'S', { limit: 0 })).toEqual([]);
    expect(paths(g, 'S', { maxDepth: 0 })).toEqual([]);
    expect(paths(g, 'lonely')).toEqual([]);
    // organisations are not path starts in §4: nothing follows PERFORMS
    expect(paths(g, 'org')).toEqual([]);
  });

  it('validates its arguments', () => {
    expect(() => paths(g, 'nope')).toThrow(UnknownEntityError);
    expect(() => paths(g, 'S', { maxDepth: -1 })).toThrow(InvalidInputError);
    expect(() => paths(g, 'S', { limit: 1.5 })).toThrow(InvalidInputError);
    expect(() => paths(g, 'S', { toKinds: ['PLANET' as EntityKind] })).toThrow(/toKinds/);
  });
});

describe('shortestPath', () => {
  const g = sample();

  it('downstream, upstream and undirected', () => {
    expect(shortestPath(g, 'S', 'w3')).toEqual(['S', 's2', 'a1', 'w3']);
    expect(shortestPath(g, 'w3', 'S')).toBeNull();
    expect(shortestPath(g, 'w3', 'S', { direction: 'upstream' })).toEqual(['w3', 'a1', 's2', 'S']);
    expect(shortestPath(g, 'w3', 'w1', { direction: 'any' })).toEqual(['w3', 'a1', 's2', 'S', 's1', 'w1']);
    expect(shortestPath(g, 'org', 'w4')).toEqual(['org', 'w1', 'w4']);
    expect(shortestPath(g, 'S', 'cf')).toEqual(['S', 's1', 'w1', 'cf']);
    expect(shortestPath(g, 'cf', 'S', { direction: 'upstream' })).toEqual(['cf', 'w1', 's1', 'S']);
    expect(shortestPath(g, 'S', 'S')).toEqual(['S']);
    expect(shortestPath(g, 'lonely', 'S', { direction: 'any' })).toBeNull();
    expect(() => shortestPath(g, 'S', 'ghost')).toThrow(UnknownEntityError);
    expect(() => shortestPath(g, 'S', 'w1', { direction: 'sideways' as PathDirection })).toThrow(/direction/);
  });
});

/** Downstream successors per §4, computed from the plain model. */
function plainDownstream(p: Plain, u: number): number[] {
  const out = new Set<number>();
  for (const d of p.deps) if (d.to === u) out.add(d.from);
  if (p.kinds[u] === 'SUPPLIER') for (const [c, par] of p.parents) if (par === u) out.add(c);
  if (p.kinds[u] === 'WORKFLOW') for (const [w, f] of p.supports) if (w === u) out.add(f);
  return [...out];
}

function plainUpstream(p: Plain, u: number): number[] {
  const out = new Set<number>();
  for (const d of p.deps) if (d.from === u) out.add(d.to);
  for (const [c, par] of p.parents) if (c === u) out.add(par);
  if (p.kinds[u] === 'CRITICAL_FUNCTION') for (const [w, f] of p.supports) if (f === u) out.add(w);
  return [...out];
}

/** shortestPath's downstream also spreads from an organisation to its workflows and assets. */
function plainSpread(p: Plain, u: number): number[] {
  const out = new Set(plainDownstream(p, u));
  for (const [c, par] of p.parents) if (par === u) out.add(c);
  return [...out];
}

function allSimplePaths(p: Plain, s: number, maxDepth: number, targets: Set<EntityKind>): string[][] {
  const out: string[][] = [];
  const walk = (path: number[]) => {
    const u = path.at(-1)!;
    if (path.length > 1 && targets.has(p.kinds[u]!)) out.push(path.map((n) => p.ids[n]!));
    if (path.length - 1 === maxDepth) return;
    for (const w of plainDownstream(p, u)) if (!path.includes(w)) walk([...path, w]);
  };
  walk([s]);
  const cmp = (a: string[], b: string[]) => {
    if (a.length !== b.length) return a.length - b.length;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return 0;
  };
  return out.sort(cmp);
}

const KINDS: EntityKind[] = ['SERVICE', 'ASSET', 'WORKFLOW', 'CRITICAL_FUNCTION', 'SUPPLIER'];

describe('paths and shortestPath vs brute force (property)', () => {
  it('paths = the brute-force enumeration, sorted and cut at limit', () => {
    fc.assert(
      fc.property(
        arbCase({ maxNodes: 9 }),
        fc.nat(),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 40 }),
        fc.subarray(KINDS, { minLength: 1 }),
        ({ plain }, pick, maxDepth, limit, toKinds) => {
          const g = toGraph(plain);
          const s = pick % plain.ids.length;
          const expected = allSimplePaths(plain, s, maxDepth, new Set(toKinds)).slice(0, limit);
          const got = paths(g, plain.ids[s]!, { maxDepth, limit, toKinds });
          expect(got.map((x) => x.nodes)).toEqual(expected);
          for (const x of got) expect(x.length).toBe(x.nodes.length - 1);
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('a work cap returns a prefix of the full answer', () => {
    fc.assert(
      fc.property(
        arbCase({ maxNodes: 9 }),
        fc.nat(),
        fc.integer({ min: 0, max: 20 }),
        ({ plain }, pick, workCap) => {
          const g = toGraph(plain);
          const id = plain.ids[pick % plain.ids.length]!;
          const full = paths(g, id, { toKinds: KINDS, limit: 1000 });
          const capped = paths(g, id, { toKinds: KINDS, limit: 1000, workCap });
          expect(full.slice(0, capped.length)).toEqual(capped);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('shortestPath has brute-force BFS length and uses only real links', () => {
    fc.assert(
      fc.property(
        arbCase({ maxNodes: 10 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom<PathDirection>('downstream', 'upstream', 'any'),
        ({ plain }, a, b, direction) => {
          const g = toGraph(plain);
          const s = a % plain.ids.length;
          const t = b % plain.ids.length;
          const next = (u: number) =>
            direction === 'downstream'
              ? plainSpread(plain, u)
              : direction === 'upstream'
                ? plainUpstream(plain, u)
                : [...plainSpread(plain, u), ...plainUpstream(plain, u)];
          const dist = new Map([[s, 0]]);
          const queue = [s];
          for (let i = 0; i < queue.length; i++) {
            for (const w of next(queue[i]!)) {
              if (!dist.has(w)) {
                dist.set(w, dist.get(queue[i]!)! + 1);
                queue.push(w);
              }
            }
          }
          const got = shortestPath(g, plain.ids[s]!, plain.ids[t]!, { direction });
          if (!dist.has(t)) {
            expect(got).toBeNull();
            return;
          }
          expect(got).not.toBeNull();
          expect(got!.length - 1).toBe(dist.get(t));
          const idx = new Map(plain.ids.map((id, i) => [id, i]));
          for (let i = 0; i + 1 < got!.length; i++) {
            expect(next(idx.get(got![i]!)!)).toContain(idx.get(got![i + 1]!));
          }
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});
