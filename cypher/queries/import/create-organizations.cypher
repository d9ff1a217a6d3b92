// Create a batch of Organization rows whose ids the graph does not hold yet (checked before the
// import): CREATE skips the lookup MERGE needs. Same result shape as upsert-organizations.
UNWIND $rows AS row
CREATE (n:Entity:Organization)
SET n = row.props
RETURN count(n) AS created, 0 AS updated
