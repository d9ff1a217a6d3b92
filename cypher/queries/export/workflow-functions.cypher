// SUPPORTS links of a page of workflows in id order (one row per workflow).
MATCH (w:Workflow)
WHERE w.id > $after
WITH w ORDER BY w.id LIMIT $limit
RETURN w.id AS workflowId, [(w)-[:SUPPORTS]->(f:CriticalFunction) | f.id] AS functionIds
