// Rolling an interrupted import back: the map goes a batch at a time before the snapshot
// is written back (each batch its own transaction; repeated until none is left).
MATCH (n:Entity)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
