// Every write runs this in its own transaction, so a projection built before it is stale.
MERGE (m:GraphMeta {key: 'graph'})
ON CREATE SET m.version = 1
ON MATCH SET m.version = m.version + 1
RETURN m.version AS version
