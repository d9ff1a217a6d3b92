MATCH (c:ImportSnapshotChunk {snapshot: $id})
RETURN c.data AS data
ORDER BY c.index
