// The order `migrate` applies the schema in (issue 11 at L): the indexes that fill in the
// background (full-text, range) are created before the constraints, each of which waits
// for its own index, so on a map loaded without its schema (`import --bulk`) the full-text
// index fills while the constraints are built instead of after them.
import { describe, expect, it } from 'vitest';
import { expectedSchema, migrationStatements } from '../src/schema';

const isConstraint = (s: string) => /^CREATE\s+CONSTRAINT/i.test(s);
const isIndex = (s: string) => /^CREATE\s+(FULLTEXT\s+)?INDEX/i.test(s);

describe('migrationStatements', () => {
  const statements = migrationStatements();

  it('creates every index before the first constraint, the full-text one among them', () => {
    const firstConstraint = statements.findIndex(isConstraint);
    expect(firstConstraint).toBeGreaterThan(0);
    const indexes = statements.flatMap((s, i) => (isIndex(s) ? [i] : []));
    expect(indexes.length).toBe(expectedSchema().indexes);
    expect(Math.max(...indexes)).toBeLessThan(firstConstraint);
    expect(statements.slice(0, firstConstraint).some((s) => /^CREATE\s+FULLTEXT\s+INDEX/i.test(s))).toBe(
      true,
    );
  });

  it('keeps every statement once, and a drop before the creation that replaces it', () => {
    expect(statements.filter(isConstraint)).toHaveLength(expectedSchema().constraints);
    expect(new Set(statements).size).toBe(statements.length);
    const drop = statements.findIndex((s) => /^DROP INDEX smart_entity_search\b/.test(s));
    const create = statements.findIndex((s) => /smart_entity_search_v2/.test(s));
    expect(drop).toBeGreaterThanOrEqual(0);
    expect(drop).toBeLessThan(create);
  });
});
