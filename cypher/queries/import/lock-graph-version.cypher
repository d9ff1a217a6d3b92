// The first statement of an import or an undo: bumps the graph version and so holds its
// lock until commit (other writers take that lock first too, ../lock-graph-version.cypher,
// and wait), which makes the version before this write exact for the undo snapshot.
// Records the change log entry as bump-graph-version does ($ops null: the projection
// rebuilds in full).
OPTIONAL MATCH (old:GraphMeta {key: 'graph'})
WITH old IS NULL AS fresh
MERGE (m:GraphMeta {key: 'graph'})
ON CREATE SET m.version = timestamp()
ON MATCH SET m.version = m.version + 1
CREATE (:Change {version: m.version, ops: $ops})
WITH m, fresh
OPTIONAL MATCH (old:Change)
WHERE old.version <= m.version - $retention
WITH m, fresh, collect(old) AS pruned
FOREACH (c IN pruned | DELETE c)
WITH m, fresh
OPTIONAL MATCH (j:ImportJournal)
RETURN m.version AS version, CASE WHEN fresh THEN 0 ELSE m.version - 1 END AS before,
       j { .id, .actor, .source, startedAt: toString(j.startedAt) } AS importing
