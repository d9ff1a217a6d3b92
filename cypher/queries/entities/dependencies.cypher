// What an entity depends on (DEPENDS_ON out of it).
MATCH (a:Entity {id: $id})-[r:DEPENDS_ON]->(b:Entity)
RETURN b.id AS to, r.group AS group, coalesce(r.strength, 1.0) AS strength, r.source AS source,
       r.confidence AS confidence, r.notes AS notes
ORDER BY group, to
