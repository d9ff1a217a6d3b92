// A staged import's heartbeat and progress, written with each of its batches: $rows more
// rows written (batches of parallel lanes add up, whatever order they commit in).
MATCH (j:ImportJournal {id: $id})
SET j.heartbeatAt = timestamp(), j.phase = $phase, j.written = j.written + $rows
RETURN j.id AS id
