// The derived-results cache is bounded by estimated bytes, least recently used out
// first: checked against a plain reference model on random sequences (seeded).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SizedLru, approxBytes } from '../src/projection';

type Op = { kind: 'set'; key: string; bytes: number } | { kind: 'get'; key: string };

/** The same policy written the obvious way: a list, most recently used last. */
function reference(maxBytes: number, ops: Op[]): string[] {
  let list: { key: string; bytes: number }[] = [];
  for (const op of ops) {
    const i = list.findIndex((e) => e.key === op.key);
    if (op.kind === 'get') {
      if (i >= 0) list = [...list.filter((_, j) => j !== i), list[i]!];
      continue;
    }
    if (i >= 0) list.splice(i, 1);
    if (op.bytes > maxBytes) continue;
    list.push({ key: op.key, bytes: op.bytes });
    while (list.reduce((s, e) => s + e.bytes, 0) > maxBytes) list.shift();
  }
  return list.map((e) => e.key);
}

const opArb = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    bytes: fc.integer({ min: 0, max: 150 }),
  }),
  fc.record({ kind: fc.constant('get' as const), key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f') }),
);

describe('SizedLru', () => {
  it('never holds more than its byte budget, and evicts least recently used first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.array(opArb, { maxLength: 60 }), (maxBytes, ops) => {
        const lru = new SizedLru<number>(maxBytes);
        const sizes = new Map<string, number>();
        for (const op of ops) {
          if (op.kind === 'set') {
            if (lru.set(op.key, op.bytes, op.bytes)) sizes.set(op.key, op.bytes);
          } else lru.get(op.key);
          expect(lru.bytes).toBeLessThanOrEqual(maxBytes);
          expect(lru.bytes).toBe(lru.keys().reduce((s, k) => s + sizes.get(k)!, 0));
        }
        expect(lru.keys()).toEqual(reference(maxBytes, ops));
      }),
      { seed: 12, numRuns: 500 },
    );
  });

  it('does not keep a value larger than the whole budget, and keeps what it had', () => {
    const lru = new SizedLru<string>(100);
    lru.set('small', 'x', 40);
    expect(lru.set('huge', 'y', 101)).toBe(false);
    expect(lru.keys()).toEqual(['small']);
    expect(lru.get('huge')).toBeUndefined();
  });
});

describe('approxBytes', () => {
  it('grows with the number of rows and the length of their strings', () => {
    const row = (id: string) => ({
      id,
      kind: 'SUPPLIER',
      score: 1.5,
      components: { capacityLoss: 0.2, organizationsAffected: 3 },
    });
    const ten = approxBytes(Array.from({ length: 10 }, (_, i) => row(`s${i}`)));
    const thousand = approxBytes(Array.from({ length: 1000 }, (_, i) => row(`s${i}`)));
    expect(thousand).toBeGreaterThan(90 * ten);
    expect(approxBytes([row('x'.repeat(1000))])).toBeGreaterThan(approxBytes([row('x')]) + 1900);
  });
});
