// The entities of a batch of ids that exist already: kind, properties and owner (the
// supplier of a service, the organization of an asset or workflow), so the importer
// writes only what differs.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
OPTIONAL MATCH (n)-[:PROVIDED_BY]->(s:Supplier)
OPTIONAL MATCH (o:Organization)-[:PERFORMS|OWNS]->(n)
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, properties(n) AS props,
       coalesce(s.id, o.id) AS owner
