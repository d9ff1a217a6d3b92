// Delete an entity; a supplier's services and an organization's workflows and assets go with it.
// The entity is write-locked before its services, workflows and assets are collected: one
// linked to it by a write that commits meanwhile (an import adding a service) is then seen
// and goes with it, instead of being left behind without its owner.
MATCH (n:Entity {id: $id})
SET n._deleting = true
WITH n
OPTIONAL MATCH (n)<-[:PROVIDED_BY]-(s:Service)
OPTIONAL MATCH (n)-[:PERFORMS|OWNS]->(c:Entity)
WITH n, collect(DISTINCT s) + collect(DISTINCT c) AS dependants
WITH n, [x IN dependants WHERE x IS NOT NULL] AS owned
WITH [n] + owned AS doomed, [x IN [n] + owned | x.id] AS ids
FOREACH (x IN doomed | DETACH DELETE x)
RETURN ids
