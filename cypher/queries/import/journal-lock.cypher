// Opens a staged import: takes the graph version's lock (without moving the version, so
// analyses keep answering from the projection of the map before the import) and reads the
// journal of an import already under way, if any. Writers check the journal after taking
// the same lock (bump-graph-version), so none commits between this and the snapshot.
MERGE (m:GraphMeta {key: 'graph'})
ON CREATE SET m.version = timestamp()
SET m._importLock = true
REMOVE m._importLock
WITH m
OPTIONAL MATCH (j:ImportJournal)
RETURN m.version AS version, j { .*, startedAt: toString(j.startedAt) } AS journal
