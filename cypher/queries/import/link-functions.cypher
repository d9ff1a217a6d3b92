UNWIND $rows AS row
MATCH (w:Workflow {id: row.workflowId}), (f:CriticalFunction {id: row.functionId})
MERGE (w)-[:SUPPORTS]->(f)
