// One replica's request counts since its last sync, added to the shared ones; returns
// each window's total over every replica. $deltas: [{id, hits, expiresAt}], id = the
// digest of limiter, client key and window. Expired windows are deleted (a bounded
// batch per sync, so the label stays the size of the live windows).
CALL () {
  MATCH (old:RateWindow) WHERE old.expiresAt < $now
  WITH old LIMIT 1000
  DELETE old
}
UNWIND $deltas AS d
MERGE (w:RateWindow {id: d.id})
ON CREATE SET w.hits = 0, w.expiresAt = d.expiresAt
SET w.hits = w.hits + d.hits
RETURN d.id AS id, w.hits AS hits
