import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Template } from '@smart/domain';
import { readTemplate } from '@smart/templates';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeGeneratedCsv } from '../src/csv';
import { generateEcosystem, generateRows, SIZES } from '../src/generate';
import { ecosystemStats, kindIndex } from '../src/stats';
import { plain, readBack } from './helpers';

let s: Template;
beforeAll(() => {
  s = generateEcosystem({ entities: SIZES.S, seed: 1 });
});

describe('generateEcosystem', () => {
  it('is deterministic: same seed, same ecosystem; another seed, another one', () => {
    const again = generateEcosystem({ entities: SIZES.S, seed: 1 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(s));
    const other = generateEcosystem({ entities: SIZES.S, seed: 2 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(s));
  });

  it('generates S within 5 % of the requested entity count, with 4–5 dependencies per entity', () => {
    const st = ecosystemStats(s);
    expect(Math.abs(st.entities - SIZES.S) / SIZES.S).toBeLessThan(0.05);
    expect(st.dependenciesPerEntity).toBeGreaterThanOrEqual(4);
    expect(st.dependenciesPerEntity).toBeLessThanOrEqual(5);
    for (const n of Object.values(st.counts)) expect(n).toBeGreaterThan(0);
  });

  it('holds for other sizes too', () => {
    for (const entities of [2_000, 25_000]) {
      const st = ecosystemStats(generateEcosystem({ entities, seed: 9 }));
      expect(Math.abs(st.entities - entities) / entities).toBeLessThan(0.05);
      expect(st.dependenciesPerEntity).toBeGreaterThanOrEqual(4);
      expect(st.dependenciesPerEntity).toBeLessThanOrEqual(5);
    }
  });

  it("passes the importer's template rules: written and read back, no problems and equal", async () => {
    const { template, problems } = await readBack(s);
    expect(problems).toEqual([]);
    expect(plain(template)).toEqual(plain(s));
  });

  it('has heavy-tailed supplier popularity, a minority of alternatives and fourth parties', () => {
    const kinds = kindIndex(s);
    const svcSup = new Map(s.services.map((v) => [v.id, v.supplierId]));
    const dependents = new Map<string, Set<string>>();
    for (const d of s.dependencies) {
      const sup = kinds.get(d.to) === 'SUPPLIER' ? d.to : svcSup.get(d.to);
      if (!sup) continue;
      const set = dependents.get(sup) ?? new Set();
      set.add(d.from);
      dependents.set(sup, set);
    }
    const sizes = s.suppliers.map((x) => dependents.get(x.id)?.size ?? 0).sort((a, b) => b - a);
    const median = sizes[sizes.length >> 1] as number;
    expect(sizes[0]).toBeGreaterThan(8 * Math.max(1, median));
    const topTenth = sizes.slice(0, Math.ceil(sizes.length / 10)).reduce((a, b) => a + b, 0);
    const all = sizes.reduce((a, b) => a + b, 0);
    expect(topTenth / all).toBeGreaterThan(0.4);

    const st = ecosystemStats(s);
    expect(st.groupedShare).toBeGreaterThan(0.01);
    expect(st.groupedShare).toBeLessThan(0.25);

    // Fourth parties: vendors' services depend on other services (cloud, identity, EDR).
    const serviceToService = s.dependencies.filter(
      (d) => kinds.get(d.from) === 'SERVICE' && kinds.get(d.to) === 'SERVICE',
    );
    expect(serviceToService.length).toBeGreaterThan(s.services.length / 2);
    // The dominant clearinghouse carries about half of claims workflows.
    const claims = s.workflows.filter((w) => w.sectorWorkflow === 'Claims and payments').map((w) => w.id);
    const claimsSet = new Set(claims);
    const bySupplier = new Map<string, Set<string>>();
    for (const d of s.dependencies) {
      if (!claimsSet.has(d.from) || d.notes === 'contracted backup clearinghouse') continue;
      const svc = s.services.find((v) => v.id === d.to);
      if (svc?.category !== 'claims network') continue;
      const set = bySupplier.get(svc.supplierId) ?? new Set();
      set.add(d.from);
      bySupplier.set(svc.supplierId, set);
    }
    const top = Math.max(...[...bySupplier.values()].map((x) => x.size)) / claims.length;
    expect(top).toBeGreaterThan(0.4);
    expect(top).toBeLessThan(0.6);
  });

  it('streams the same rows that generateEcosystem collects', () => {
    const counts: Record<string, number> = {};
    for (const r of generateRows({ entities: SIZES.S, seed: 1 }))
      counts[r.table] = (counts[r.table] ?? 0) + 1;
    for (const [table, rows] of Object.entries(s)) expect(counts[table] ?? 0).toBe(rows.length);
  });
});

describe('writeGeneratedCsv', () => {
  it('writes a template folder that reads back equal, with no problems', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'smart-seed-'));
    try {
      const opts = { entities: 3_000, seed: 5 };
      const result = await writeGeneratedCsv(opts, dir);
      const expected = generateEcosystem(opts);
      expect(result.entities).toBe(ecosystemStats(expected).entities);
      expect(result.dependencies).toBe(expected.dependencies.length);
      const { template, problems } = await readTemplate(dir);
      expect(problems).toEqual([]);
      expect(plain(template)).toEqual(plain(expected));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
