MATCH (:Entity {id: $from})-[r:DEPENDS_ON]->(:Entity {id: $to})
DELETE r
RETURN count(*) AS removed
