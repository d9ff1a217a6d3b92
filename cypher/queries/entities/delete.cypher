// Delete an entity; a supplier's services and an organization's workflows and assets go with it.
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)<-[:PROVIDED_BY]-(s:Service)
OPTIONAL MATCH (n)-[:PERFORMS|OWNS]->(c:Entity)
WITH n, collect(DISTINCT s) + collect(DISTINCT c) AS dependants
WITH n, [x IN dependants WHERE x IS NOT NULL] AS owned
WITH [n] + owned AS doomed, [x IN [n] + owned | x.id] AS ids
FOREACH (x IN doomed | DETACH DELETE x)
RETURN ids
