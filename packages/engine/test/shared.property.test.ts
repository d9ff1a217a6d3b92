/**
 * A graph passed to another thread as shared data (shareGraph → structured clone →
 * graphFromShared) is the same graph: identical arrays, and identical impact, paths
 * and risk ranking; its typed arrays are views on the same shared memory. And a
 * ranking split into parts and merged is the ranking computed in one go.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graphLayout as layout } from '../../../test/support/graph-layout';
import {
  graphFromShared,
  impact,
  mergeRankings,
  packStrings,
  paths,
  shareGraph,
  sharedBytes,
  systemicRisk,
  unpackStrings,
} from '../src/index';
import { arbCase, toGraph } from './helpers';

const SEED = Number(process.env.FC_SEED ?? 20_261_202);
console.log(`shared.property.test: fast-check seed ${SEED} (set FC_SEED to change)`);
const params = (numRuns: number) => ({ seed: SEED, numRuns });

describe('shared graphs', () => {
  it('an unpacked graph has the same arrays and gives the same impact, paths and ranking', () => {
    fc.assert(
      fc.property(arbCase(), ({ plain, failed, duration }) => {
        const g = toGraph(plain);
        // structuredClone is what postMessage does to a task's payload.
        const u = graphFromShared(structuredClone(shareGraph(g)));
        expect(layout(u)).toEqual(layout(g));
        const spec = { failed: failed.map((n) => ({ id: plain.ids[n]! })), durationHours: duration };
        expect(impact(u, spec)).toEqual(impact(g, spec));
        expect(impact(u, { ...spec, model: 'INOPERABILITY' })).toEqual(
          impact(g, { ...spec, model: 'INOPERABILITY' }),
        );
        const from = plain.ids[failed[0]!]!;
        expect(paths(u, from, { toKinds: ['WORKFLOW', 'CRITICAL_FUNCTION'] })).toEqual(
          paths(g, from, { toKinds: ['WORKFLOW', 'CRITICAL_FUNCTION'] }),
        );
        const kinds = ['SUPPLIER', 'SERVICE', 'ASSET'] as const;
        expect(systemicRisk(u, { kinds, durationHours: duration })).toEqual(
          systemicRisk(g, { kinds, durationHours: duration }),
        );
      }),
      params(150),
    );
  });

  it('keeps the typed arrays on shared memory: a clone sees the same bytes, nothing is copied', () => {
    fc.assert(
      fc.property(arbCase(), ({ plain }) => {
        const shared = shareGraph(toGraph(plain));
        const clone = structuredClone(shared);
        expect(clone.numeric.kinds.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(clone.csr.parents.targets.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(clone.strings.ids.chars.buffer).toBeInstanceOf(SharedArrayBuffer);
        const before = shared.numeric.tolerance[0]!;
        clone.numeric.tolerance[0] = before + 1;
        expect(shared.numeric.tolerance[0]).toBe(before + 1);
        // Sharing a graph whose arrays are already shared copies none of them again.
        const again = shareGraph(graphFromShared(shared));
        expect(again.numeric.members.buffer).toBe(shared.numeric.members.buffer);
        expect(sharedBytes(shared)).toBeGreaterThan(0);
      }),
      params(20),
    );
  });

  it('packs any strings and nulls exactly, lone surrogates included', () => {
    const unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ unit, maxLength: 20 }))), (list) => {
        expect(unpackStrings(structuredClone(packStrings(list)))).toEqual(list);
      }),
      params(300),
    );
    // Longer than one decoding chunk.
    const long = ['x'.repeat(20_000), 'é', null, ''];
    expect(unpackStrings(packStrings(long))).toEqual(long);
  });

  it('a ranking split into parts and merged is the ranking in one go', () => {
    fc.assert(
      fc.property(
        arbCase(),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 8 }),
        ({ plain, duration }, of, first) => {
          const g = toGraph(plain);
          const kinds = ['SUPPLIER', 'SERVICE', 'ASSET', 'WORKFLOW'] as const;
          const parts = Array.from({ length: of }, (_, index) =>
            systemicRisk(g, { kinds, durationHours: duration, first, part: { index, of } }),
          );
          expect(mergeRankings(parts, first)).toEqual(
            systemicRisk(g, { kinds, durationHours: duration, first }),
          );
        },
      ),
      params(150),
    );
    expect(() =>
      systemicRisk(
        toGraph({
          ids: [],
          kinds: [],
          tolerance: [],
          workaround: [],
          volume: [],
          criticality: [],
          deps: [],
          parents: [],
          supports: [],
        }),
        { part: { index: 2, of: 2 } },
      ),
    ).toThrow(/part/);
  });
});
