// The Cypher registry (issue 15 item 5): every .cypher file under cypher/ is used by
// the product, and every query name the product's source uses exists. Names are
// literals ('queries/…') wherever they are written; the few built at run time are
// listed below with the names they can produce, so a new one fails here until listed.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cypher, cypherNames } from '../src/cypher';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const SOURCE_ROOTS = ['packages', 'apps', 'tools'];

/** The product's TypeScript: every workspace's src/, without generated code. */
function sources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'generated' || name === 'dist') continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
    }
  };
  for (const root of SOURCE_ROOTS)
    for (const ws of readdirSync(join(ROOT, root))) {
      const src = join(ROOT, root, ws, 'src');
      if (statSync(join(ROOT, root, ws)).isDirectory() && readdirSync(join(ROOT, root, ws)).includes('src'))
        walk(src);
    }
  return out;
}

const ENTITY_FILES = ['organizations', 'suppliers', 'services', 'assets', 'workflows', 'critical-functions'];

/**
 * Query names built at run time, by file and expression, with every name each can
 * produce: the import writer's steps. Its per-kind upserts are one file with the label a
 * parameter (upsert-entities); the create-* and update-* files name each kind's own
 * properties (no Eager, import.int.test.ts), so they stay one per kind.
 */
const BUILT_AT_RUN_TIME: { file: string; expression: string; names: string[] }[] = [
  {
    file: 'packages/store/src/import.ts',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
    expression: '`queries/import/${step.query}`',
    names: [
      ...ENTITY_FILES.map((f) => `queries/import/create-${f}`),
      'queries/import/upsert-entities',
      'queries/import/create-links',
      'queries/import/link-services',
      'queries/import/link-assets',
      'queries/import/link-workflows',
      'queries/import/link-functions',
      'queries/import/create-dependencies',
      'queries/import/upsert-dependencies',
    ],
  },
  {
    file: 'packages/store/src/import.ts',
    // The staged writer's batched creates (issue 11), one per entity table.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
    expression: '`queries/import/create-${f}`',
    names: ENTITY_FILES.map((f) => `queries/import/create-${f}`),
  },
  {
    file: 'packages/store/src/import.ts',
    // The staged writer's batched updates of existing rows, one per entity table.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
    expression: '`queries/import/update-${f}`',
    names: ENTITY_FILES.map((f) => `queries/import/update-${f}`),
  },
];

/**
 * Run by tests only, to observe what the product leaves behind (the crash test counts
 * the undo snapshot's chunks); listed so that nothing else may be.
 */
const USED_BY_TESTS = ['queries/snapshot/count-chunks'];

/** Loaded by prefix: every migration under schema/ runs, in name order (store/src/schema.ts). */
const LOADED_BY_PREFIX = 'schema/';

const LITERAL = /(['"`])((?:queries|schema)\/[A-Za-z0-9_/-]+)\1/g;
const BUILT = /`((?:queries|schema)\/[^`]*\$\{[^`]*)`/g;

function references() {
  const literals = new Map<string, string[]>();
  const built: { file: string; expression: string }[] = [];
  let prefixLoad = false;
  for (const path of sources()) {
    const file = relative(ROOT, path);
    // Comments may name queries (as examples); only code counts. Line comments first: one
    // may hold "/*" (a glob such as schema/*.cypher) that is no block comment's start.
    const text = readFileSync(path, 'utf8')
      .replace(/^\s*\/\/.*$/gm, '')
      .replace(/\s\/\/\s.*$/gm, '')
      .replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of text.matchAll(LITERAL)) literals.set(m[2]!, [...(literals.get(m[2]!) ?? []), file]);
    for (const m of text.matchAll(BUILT)) built.push({ file, expression: m[0] });
    if (text.includes(`cypherNames('${LOADED_BY_PREFIX}')`)) prefixLoad = true;
  }
  return { literals, built, prefixLoad };
}

describe('the Cypher registry', () => {
  const files = cypherNames();
  const { literals, built, prefixLoad } = references();

  it('finds the files and the references (the scan itself works)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(literals.get('queries/stats')).toEqual(['packages/store/src/stats.ts']);
    expect(prefixLoad).toBe(true);
  });

  it('builds names at run time only where listed', () => {
    const listed = BUILT_AT_RUN_TIME.map(({ file, expression }) => `${file}: ${expression}`).sort();
    expect(built.map(({ file, expression }) => `${file}: ${expression}`).sort()).toEqual(listed);
  });

  it('has a file for every name the source uses', () => {
    const used = [...literals.keys(), ...BUILT_AT_RUN_TIME.flatMap((b) => b.names)];
    const missing = [...new Set(used)].filter((n) => !files.includes(n));
    expect(missing, 'query names with no .cypher file').toEqual([]);
    // The loader says so too, at once, for a typo.
    expect(() => cypher('queries/no-such-query')).toThrow(/no Cypher file named 'queries\/no-such-query'/);
  });

  it('uses every file', () => {
    const used = new Set([
      ...literals.keys(),
      ...BUILT_AT_RUN_TIME.flatMap((b) => b.names),
      ...USED_BY_TESTS,
    ]);
    const unused = files.filter((n) => !used.has(n) && !(prefixLoad && n.startsWith(LOADED_BY_PREFIX)));
    expect(unused, '.cypher files nothing runs').toEqual([]);
  });
});
