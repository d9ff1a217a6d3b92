// Who depends on an entity (DEPENDS_ON into it); for a Supplier, also into its services
// (who depends on a supplier's service depends on the supplier), `to` saying which.
MATCH (b:Entity {id: $id})
OPTIONAL MATCH (s:Service)-[:PROVIDED_BY]->(b:Supplier)
WITH b, [b] + collect(s) AS targets
UNWIND targets AS t
MATCH (a:Entity)-[r:DEPENDS_ON]->(t)
RETURN a.id AS from, t.id AS to, r.group AS group, coalesce(r.strength, 1.0) AS strength,
       r.source AS source, r.confidence AS confidence, r.notes AS notes
ORDER BY from, to
LIMIT $first
