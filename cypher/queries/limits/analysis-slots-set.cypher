// One replica's running analyses per user ($rows: [{id, user, running}], ids and users
// digested), written with a lease ($expiresAt) the replica renews at every sync: a
// replica that dies leaves counts that expire, never slots held for ever. A count of 0
// deletes its node; expired nodes are pruned (a bounded batch per sync).
CALL () {
  MATCH (old:AnalysisSlots) WHERE old.expiresAt < $now
  WITH old LIMIT 1000
  DELETE old
}
UNWIND $rows AS r
MERGE (s:AnalysisSlots {id: r.id})
SET s.user = r.user, s.replica = $replica, s.running = r.running, s.expiresAt = $expiresAt
WITH s WHERE s.running = 0
DELETE s
RETURN count(*) AS cleared
