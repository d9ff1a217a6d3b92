// Create a batch of Workflow rows whose ids the graph does not hold yet (checked before the
// import): CREATE skips the lookup MERGE needs. Same result shape as upsert-workflows.
UNWIND $rows AS row
CREATE (n:Entity:Workflow)
SET n = row.props
RETURN count(n) AS created, 0 AS updated
