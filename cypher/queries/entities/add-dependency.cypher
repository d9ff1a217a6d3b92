// Create or replace one DEPENDS_ON edge.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MERGE (a)-[r:DEPENDS_ON]->(b)
SET r = $props
RETURN a.id AS from, b.id AS to
