// Every DEPENDS_ON edge into or out of the entities $ids, each once (what their delete removes).
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r:DEPENDS_ON]-(:Entity)
WITH DISTINCT r
RETURN startNode(r).id AS from, endNode(r).id AS to, r.group AS group, coalesce(r.strength, 1.0) AS strength,
       r.source AS source, r.confidence AS confidence, r.notes AS notes
ORDER BY from, to
