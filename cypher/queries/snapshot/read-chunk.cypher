MATCH (c:ImportSnapshotChunk {snapshot: $id, index: $index})
RETURN c.data AS data
