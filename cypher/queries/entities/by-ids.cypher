// Entities by id, with their kind and owner (a service's supplier, a workflow's or asset's organization).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
OPTIONAL MATCH (n)-[:PROVIDED_BY]->(s:Supplier)
OPTIONAL MATCH (o:Organization)-[:PERFORMS|OWNS]->(n)
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, properties(n) AS props,
       s.id AS supplierId, o.id AS organizationId
