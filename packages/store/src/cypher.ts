// Every Cypher statement the product runs lives in cypher/**/*.cypher and is loaded
// by name (its path without the extension, e.g. 'queries/stats'): reviewed like code,
// never built from strings.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CYPHER_DIR = resolve(fileURLToPath(new URL('../../../cypher', import.meta.url)));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.cypher') ? [p] : [];
  });
}

let cache: Map<string, string> | undefined;

function load(): Map<string, string> {
  if (!cache) {
    cache = new Map(
      walk(CYPHER_DIR).map((p) => [
        relative(CYPHER_DIR, p).replace(/\.cypher$/, ''),
        readFileSync(p, 'utf8'),
      ]),
    );
  }
  return cache;
}

/** The text of a named query; throws on an unknown name so a typo fails at once. */
export function cypher(name: string): string {
  const text = load().get(name);
  if (text === undefined) throw new Error(`no Cypher file named '${name}' in ${CYPHER_DIR}`);
  return text;
}

export function cypherNames(prefix = ''): string[] {
  return [...load().keys()].filter((k) => k.startsWith(prefix)).sort();
}

/** Splits a file of several statements on the semicolons that end them; `//` comments dropped. */
export function statements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}
