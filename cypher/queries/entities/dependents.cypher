// Who depends on an entity (DEPENDS_ON into it).
MATCH (a:Entity)-[r:DEPENDS_ON]->(b:Entity {id: $id})
RETURN a.id AS from, r.group AS group, coalesce(r.strength, 1.0) AS strength, r.source AS source,
       r.confidence AS confidence, r.notes AS notes
ORDER BY from
LIMIT $first
