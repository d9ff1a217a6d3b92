// The snapshot a staged import took, once all its chunks are written (format 2: each
// chunk is gzip'd JSON lines of its own). versionAfter is set when the import commits.
CREATE (s:ImportSnapshot {
  id: $id, at: datetime(), seq: $seq, actor: $actor, action: $action, source: $source,
  versionBefore: $versionBefore, versionAfter: null,
  entities: $entities, relationships: $relationships, chunks: $chunks, format: 2
})
RETURN s.id AS id
