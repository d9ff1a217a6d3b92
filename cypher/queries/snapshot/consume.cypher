// After an undo: the restored snapshot goes; the one before it (if the map was exactly
// what that import left) now matches the current version, so undo can go back further.
MATCH (s:ImportSnapshot {id: $id})
OPTIONAL MATCH (c:ImportSnapshotChunk {snapshot: s.id})
WITH s, collect(c) AS chunks, s.versionBefore AS before
FOREACH (c IN chunks | DELETE c)
DELETE s
WITH before
OPTIONAL MATCH (p:ImportSnapshot {versionAfter: before})
SET p.versionAfter = $version
