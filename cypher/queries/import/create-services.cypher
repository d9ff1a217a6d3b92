// Create a batch of Service rows whose ids the graph does not hold yet (checked before the
// import): CREATE skips the lookup MERGE needs. Same result shape as upsert-services.
UNWIND $rows AS row
CREATE (n:Entity:Service)
SET n = row.props
RETURN count(n) AS created, 0 AS updated
