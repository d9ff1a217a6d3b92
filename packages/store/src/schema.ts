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

export async function migrate(store: Store): Promise<void> {
  for (const statement of schemaStatements()) await store.runAutoCommit(statement);
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
