// Idempotent schema migration from cypher/schema/*.cypher (IF NOT EXISTS everywhere),
// applied at start; readiness checks that all of it is in place and online.
import { cypher, cypherNames, statements } from './cypher';
import type { Store } from './store';

function schemaStatements(): string[] {
  return cypherNames('schema/').flatMap((name) => statements(cypher(name)));
}

export function expectedSchema() {
  const all = schemaStatements();
  return {
    constraints: all.filter((s) => /^CREATE\s+CONSTRAINT/i.test(s)).length,
    indexes: all.filter((s) => /^CREATE\s+(FULLTEXT\s+)?INDEX/i.test(s)).length,
  };
}

/**
 * The schema statements in the order `migrate` runs them: the drops and the plain indexes
 * (a `CREATE INDEX` returns at once and the index fills in the background) before the
 * constraints (each `CREATE CONSTRAINT` returns only once its index is filled). On a map
 * loaded without its schema (`import --bulk`: 1M entities at L) the full-text index, the
 * longest to build, then fills while the constraints are built, instead of after them.
 */
export function migrationStatements(): string[] {
  const statements = schemaStatements();
  const constraint = (s: string) => /^CREATE\s+CONSTRAINT/i.test(s);
  return [...statements.filter((s) => !constraint(s)), ...statements.filter(constraint)];
}

export async function migrate(store: Store): Promise<void> {
  for (const statement of migrationStatements()) await store.runAutoCommit(statement);
  await store.runAutoCommit('CALL db.awaitIndexes(300)');
}

export async function schemaReady(store: Store): Promise<boolean> {
  const [row] = await store.readRows<{ constraints: number; indexes: number; onlineIndexes: number }>(
    'queries/schema-status',
  );
  if (!row) return false;
  const expected = expectedSchema();
  return (
    row.constraints >= expected.constraints &&
    row.indexes >= expected.constraints + expected.indexes &&
    row.onlineIndexes === row.indexes
  );
}
