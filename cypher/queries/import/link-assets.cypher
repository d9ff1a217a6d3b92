// Each asset belongs to exactly one organization.
UNWIND $rows AS row
MATCH (a:Asset {id: row.id}), (o:Organization {id: row.owner})
OPTIONAL MATCH (other)-[old:OWNS]->(a) WHERE other <> o
DELETE old
MERGE (o)-[:OWNS]->(a)
