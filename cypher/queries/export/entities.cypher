// Entities in id order, a page at a time (id index, no sort), with their kind and
// owner (the supplier of a service, the organization of a workflow or asset).
MATCH (n:Entity)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
OPTIONAL MATCH (n)-[:PROVIDED_BY]->(s:Supplier)
OPTIONAL MATCH (o:Organization)-[:PERFORMS|OWNS]->(n)
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, properties(n) AS props,
       coalesce(s.id, o.id) AS owner
