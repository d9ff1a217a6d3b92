// Every write runs this in its own transaction, so a projection built before it is stale.
// A new database starts from the clock, so versions never repeat across a reset.
MERGE (m:GraphMeta {key: 'graph'})
ON CREATE SET m.version = timestamp()
ON MATCH SET m.version = m.version + 1
RETURN m.version AS version
