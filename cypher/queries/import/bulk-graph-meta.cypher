// After `smart import --bulk` (neo4j-admin wrote a new database): the graph's version
// starts from the later of the clock (as bump-graph-version starts a new database) and the
// version the overwritten database had ($before), so the bump that follows makes every
// projection and cache built on the old map stale.
MERGE (m:GraphMeta {key: 'graph'})
ON CREATE SET m.version = CASE WHEN $before > timestamp() THEN $before ELSE timestamp() END
RETURN m.version AS version
