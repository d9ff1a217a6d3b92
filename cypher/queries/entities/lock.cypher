// Inside an edit's write transaction: write-locks the entities (a dummy property set and
// removed) and returns them as by-ids does, so that two edits of one entity run one after
// the other and the second compares its expected version with what the first wrote.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n._editLock = true
REMOVE n._editLock
WITH n
OPTIONAL MATCH (n)-[:PROVIDED_BY]->(s:Supplier)
OPTIONAL MATCH (o:Organization)-[:PERFORMS|OWNS]->(n)
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, properties(n) AS props,
       s.id AS supplierId, o.id AS organizationId
