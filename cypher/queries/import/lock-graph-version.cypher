// The first statement of an import or an undo: bumps the graph version and so holds its
// lock until commit (other writers bump at their end and wait), which makes the version
// before this write exact for the undo snapshot.
OPTIONAL MATCH (old:GraphMeta {key: 'graph'})
WITH old IS NULL AS fresh
MERGE (m:GraphMeta {key: 'graph'})
ON CREATE SET m.version = timestamp()
ON MATCH SET m.version = m.version + 1
RETURN m.version AS version, CASE WHEN fresh THEN 0 ELSE m.version - 1 END AS before
