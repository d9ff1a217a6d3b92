/**
 * What-if changes against the graph that really has them: random graphs and random
 * change sequences, applied by `applyWhatIf` onto the projection, must give the same
 * impact report as a graph built from scratch from the plain model with the same
 * edits made to it (written out here independently: a dependency list, per-node
 * settings, owner links).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyWhatIf, GraphBuilder, impact, InvalidInputError, type WhatIfChange } from '../src/index';
import {
  arbCase,
  clonePlain as clone,
  DEPENDENCY_KINDS as DEPENDENCY,
  DEPENDENT_KINDS as DEPENDENT,
  editPlain as edit,
  toGraph,
  uniqueDeps as unique,
} from './helpers';

const SEED = Number(process.env.FC_SEED ?? 20_261_202);
console.log(`whatif.property.test: fast-check seed ${SEED} (set FC_SEED to change)`);

const arbChanges = fc.array(
  fc.record({
    type: fc.constantFrom('add', 'remove', 'set', 'shield'),
    a: fc.nat(1000),
    b: fc.nat(1000),
    group: fc.constantFrom(null, 'a', 'b'),
    strength: fc.constantFrom(null, 0.5, 1),
    tolerance: fc.constantFrom(null, 0, 3, 48),
    workaround: fc.constantFrom(null, 0, 0.5),
  }),
  { minLength: 1, maxLength: 5 },
);

describe('applyWhatIf', () => {
  it('gives the same impact as a graph built with the same edits, for random graphs and change sequences', () => {
    let compared = 0;
    fc.assert(
      fc.property(arbCase({ maxNodes: 14 }), arbChanges, (c, specs) => {
        const base = unique(c.plain);
        const edited = clone(base);
        const ids = base.ids;
        const changes: WhatIfChange[] = [];
        let allowed = true;
        for (const s of specs) {
          const a = ids[s.a % ids.length]!;
          const b = ids[s.b % ids.length]!;
          let change: WhatIfChange;
          // Mostly changes of allowed kinds and edges that exist; the rest must be refused.
          const pick = (ok: (i: number) => boolean, k: number, fallback: string) => {
            const pool = ids.filter((_, i) => ok(i));
            return pool.length ? pool[k % pool.length]! : fallback;
          };
          if (s.type === 'add') {
            const from = pick((i) => DEPENDENT.has(base.kinds[i]!), s.a, a);
            const to = pick((i) => DEPENDENCY.has(base.kinds[i]!), s.b, b);
            change = { addDependency: { from, to, group: s.group, strength: s.strength } };
          } else if (s.type === 'remove') {
            const d = edited.deps[s.a % Math.max(1, edited.deps.length)];
            change = { removeDependency: d ? { from: ids[d.from]!, to: ids[d.to]! } : { from: a, to: b } };
          } else if (s.type === 'set') {
            const id = pick((i) => base.kinds[i] === 'WORKFLOW', s.a, a);
            change = { setWorkflow: { id, toleranceHours: s.tolerance, workaroundCapacity: s.workaround } };
          } else change = { unaffected: { id: a } };
          changes.push(change);
          if (!edit(edited, change)) {
            allowed = false;
            break;
          }
        }
        const g = toGraph(base);
        if (!allowed) {
          expect(() => applyWhatIf(g, changes)).toThrow(InvalidInputError);
          return;
        }
        const options = { failed: c.failed.map((n) => ({ id: ids[n]! })), durationHours: c.duration };
        const got = impact(applyWhatIf(g, changes), options);
        const want = impact(toGraph(edited), options);
        expect(got).toEqual(want);
        compared++;
        // The projection itself is untouched: a sandbox.
        expect(impact(g, options)).toEqual(impact(toGraph(base), options));
      }),
      { seed: SEED, numRuns: 300 },
    );
    // Most sequences are allowed, so the comparison, not the refusal, is what is tested.
    expect(compared).toBeGreaterThan(150);
  });
});

describe('what-if errors name the change and what is allowed', () => {
  const g = new GraphBuilder()
    .addNodes([
      { id: 'sup', kind: 'SUPPLIER' },
      { id: 'svc', kind: 'SERVICE' },
      { id: 'org', kind: 'ORGANIZATION' },
      { id: 'wf', kind: 'WORKFLOW', toleranceHours: 4 },
    ])
    .addProvidedBy('svc', 'sup')
    .addPerforms('org', 'wf')
    .addDependency({ from: 'wf', to: 'svc' })
    .build();
  const fails = (changes: WhatIfChange[]) => {
    try {
      applyWhatIf(g, changes, 'input.changes');
    } catch (err) {
      return err as Error & { field?: string; ids?: string[] };
    }
    throw new Error('expected an error');
  };

  it('refuses a change with none or two members set', () => {
    expect(fails([{}])).toMatchObject({ field: 'input.changes[0]' });
    const two = fails([
      { unaffected: { id: 'wf' } },
      { unaffected: { id: 'wf' }, setWorkflow: { id: 'wf' } },
    ]);
    expect(two).toBeInstanceOf(InvalidInputError);
    expect(two.message).toBe(
      'input.changes[1]: set exactly one of addDependency, removeDependency, setWorkflow, unaffected (found 2)',
    );
  });

  it('refuses unknown ids, missing dependencies, non-workflows and endpoints of the wrong kind', () => {
    const unknown = fails([{ addDependency: { from: 'wf', to: 'nope' } }]);
    expect(unknown).toBeInstanceOf(InvalidInputError);
    expect(unknown.message).toBe("input.changes[0].addDependency.to: no entity has id 'nope'");
    expect(fails([{ removeDependency: { from: 'wf', to: 'sup' } }]).message).toBe(
      'input.changes[0].removeDependency: wf does not depend on sup',
    );
    // removed by the first change, so the second has nothing to remove
    expect(
      fails([
        { removeDependency: { from: 'wf', to: 'svc' } },
        { removeDependency: { from: 'wf', to: 'svc' } },
      ]).field,
    ).toBe('input.changes[1].removeDependency');
    expect(fails([{ setWorkflow: { id: 'svc', toleranceHours: 2 } }]).field).toBe(
      'input.changes[0].setWorkflow.id',
    );
    expect(fails([{ setWorkflow: { id: 'wf', workaroundCapacity: 2 } }]).field).toBe(
      'input.changes[0].setWorkflow.workaroundCapacity',
    );
    const wrongKind = fails([{ unaffected: { id: 'sup' } }, { addDependency: { from: 'wf', to: 'org' } }]);
    expect(wrongKind).toBeInstanceOf(InvalidInputError);
    expect(wrongKind.field).toBe('input.changes[1]');
  });
});
