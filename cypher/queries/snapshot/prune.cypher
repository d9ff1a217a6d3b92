// Keeps the newest $keep snapshots; older ones age out with their chunks.
MATCH (s:ImportSnapshot)
WITH s ORDER BY s.seq DESC SKIP $keep
OPTIONAL MATCH (c:ImportSnapshotChunk {snapshot: s.id})
DETACH DELETE c, s
