// The snapshot of an import that was rolled back (and any chunks written before it was
// recorded) goes: the import never happened.
OPTIONAL MATCH (c:ImportSnapshotChunk {snapshot: $id})
DELETE c
WITH count(*) AS chunks
OPTIONAL MATCH (s:ImportSnapshot {id: $id})
DELETE s
