// The ids a delete of $id removes (as delete.cypher): the entity, then a supplier's
// services or an organization's workflows and assets. No row when there is no such entity.
MATCH (n:Entity {id: $id})
RETURN [n.id] + [(n)<-[:PROVIDED_BY]-(s:Service) | s.id] + [(n)-[:PERFORMS|OWNS]->(c:Entity) | c.id] AS ids
