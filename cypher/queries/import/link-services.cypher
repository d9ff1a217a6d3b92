// Each service has exactly one supplier: link it and drop any link to another.
UNWIND $rows AS row
MATCH (s:Service {id: row.id}), (p:Supplier {id: row.owner})
OPTIONAL MATCH (s)-[old:PROVIDED_BY]->(other) WHERE other <> p
DELETE old
MERGE (s)-[:PROVIDED_BY]->(p)
