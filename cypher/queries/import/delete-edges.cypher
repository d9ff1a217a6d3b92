// --replace: a batch of DEPENDS_ON / SUPPORTS edges the template no longer holds (found
// by paging the graph's edges).
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r:DEPENDS_ON|SUPPORTS]->(b:Entity {id: row.to})
WHERE type(r) = row.type
DELETE r
RETURN count(r) AS removed
