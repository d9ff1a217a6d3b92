// Each workflow is performed by exactly one organization.
UNWIND $rows AS row
MATCH (w:Workflow {id: row.id}), (o:Organization {id: row.owner})
OPTIONAL MATCH (other)-[old:PERFORMS]->(w) WHERE other <> o
DELETE old
MERGE (o)-[:PERFORMS]->(w)
