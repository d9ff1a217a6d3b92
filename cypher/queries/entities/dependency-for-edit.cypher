// Inside an edit's write transaction: write-locks the dependent entity $from and returns
// the edge $from -> $to if there is one, so two edits of one edge run one after the other.
MATCH (a:Entity {id: $from})
SET a._editLock = true
REMOVE a._editLock
WITH a
OPTIONAL MATCH (a)-[r:DEPENDS_ON]->(:Entity {id: $to})
RETURN r IS NOT NULL AS exists, r.group AS group, coalesce(r.strength, 1.0) AS strength, r.source AS source,
       r.confidence AS confidence, r.notes AS notes
