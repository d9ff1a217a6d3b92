// An undo snapshot: the map as it was before an import (or a restore or an undo), held as
// gzip'd JSON in ImportSnapshotChunk nodes (one property stays well below Neo4j's limits).
CREATE (s:ImportSnapshot {
  id: randomUUID(), at: datetime(), seq: $seq, actor: $actor, action: $action, source: $source,
  versionBefore: $versionBefore, versionAfter: $versionAfter,
  entities: $entities, relationships: $relationships, chunks: size($chunks)
})
WITH s
UNWIND range(0, size($chunks) - 1) AS i
CREATE (:ImportSnapshotChunk {snapshot: s.id, index: i, data: $chunks[i]})
RETURN DISTINCT s.id AS id
