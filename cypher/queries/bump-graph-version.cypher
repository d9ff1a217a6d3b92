// Every write runs this in its own transaction, so a projection built before it is stale.
// A new database starts from the clock, so versions never repeat across a reset.
// The same transaction records what the write changed (the change log): $ops is the
// JSON of its GraphChange[], or null for a write the projection cannot replay (then
// the Change has no ops and forces a full build). Changes older than $retention
// versions are pruned here, so the log stays bounded.
MERGE (m:GraphMeta {key: 'graph'})
ON CREATE SET m.version = timestamp()
ON MATCH SET m.version = m.version + 1
CREATE (:Change {version: m.version, ops: $ops})
WITH m
OPTIONAL MATCH (old:Change)
WHERE old.version <= m.version - $retention
WITH m, collect(old) AS pruned
FOREACH (c IN pruned | DELETE c)
WITH m
// A staged import under way refuses every other write to the map (the store throws).
OPTIONAL MATCH (j:ImportJournal)
RETURN m.version AS version, j { .id, .actor, .source, startedAt: toString(j.startedAt) } AS importing
