// The import's alias resolution step (applyAliases), for any template and any aliases:
// no alias is left in the result, every other id is untouched, a reference to an alias
// points at its survivor, and a row that defines an alias becomes the survivor's unless
// the template defines the survivor itself.
import { emptyTemplate } from '@smart/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAliases, templateIds } from '../src/aliases';

const IDS = ['s1', 's2', 's3', 'o1', 'o2', 'w1', 'f1'];

describe('applyAliases', () => {
  it('rewrites every alias to its survivor and nothing else', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('s1', 's2', 's3'), { maxLength: 3 }),
        fc.array(fc.record({ from: fc.constantFrom(...IDS), to: fc.constantFrom('s1', 's2', 's3') }), {
          maxLength: 8,
        }),
        fc.constantFrom('s1', 's2', 's3'),
        fc.boolean(),
        (suppliers, deps, survivorPick, aliasSecond) => {
          const t = emptyTemplate();
          for (const id of suppliers) t.suppliers.push({ id, name: `Supplier ${id}` });
          t.services.push({ id: 'v1', name: 'Service', supplierId: 's2', type: 'SOFTWARE' });
          for (const d of deps) t.dependencies.push({ from: d.from, to: d.to });
          // s2 (and maybe s3) were merged into the survivor.
          const survivor = survivorPick === 's2' ? 's1' : survivorPick;
          const aliases = new Map([['s2', survivor]]);
          if (aliasSecond && survivor !== 's3') aliases.set('s3', survivor);
          const { template, resolved } = applyAliases(t, aliases);
          const out = templateIds(template);
          for (const a of aliases.keys()) expect(out).not.toContain(a);
          expect(template.services[0]!.supplierId).toBe(survivor);
          template.dependencies.forEach((d, i) => {
            expect(d.from).toBe(aliases.get(deps[i]!.from) ?? deps[i]!.from);
            expect(d.to).toBe(aliases.get(deps[i]!.to) ?? deps[i]!.to);
          });
          // The survivor is defined once when anything defined it; other rows are kept as they were.
          const defined = template.suppliers.map((s) => s.id);
          expect(new Set(defined).size).toBe(defined.length);
          const survivorDefined = suppliers.some((s) => s === survivor || aliases.has(s));
          expect(defined.includes(survivor)).toBe(survivorDefined);
          if (suppliers.includes(survivor))
            expect(template.suppliers.find((s) => s.id === survivor)!.name).toBe(`Supplier ${survivor}`);
          for (const s of template.suppliers.filter((x) => x.id !== survivor))
            expect(s.name).toBe(`Supplier ${s.id}`);
          expect(resolved.every((r) => aliases.get(r.alias) === r.survivor)).toBe(true);
        },
      ),
      { seed: 13, numRuns: 300 },
    );
  });

  it('leaves a template without aliases as it is', () => {
    const t = emptyTemplate();
    t.suppliers.push({ id: 's1', name: 'One' });
    expect(applyAliases(t, new Map())).toEqual({ template: t, resolved: [] });
  });
});
