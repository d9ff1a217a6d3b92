// A staged import's heartbeat and progress, written with each of its batches.
MATCH (j:ImportJournal {id: $id})
SET j.heartbeatAt = timestamp(), j.phase = $phase, j.written = $written
RETURN j.id AS id
