// A supplier's services, an organization's workflows and assets, a function's workflows, a workflow's functions.
MATCH (n:Entity {id: $id})
RETURN [(n)<-[:PROVIDED_BY]-(s:Service) | s.id] AS services,
       [(n)-[:PERFORMS]->(w:Workflow) | w.id] AS workflows,
       [(n)-[:OWNS]->(a:Asset) | a.id] AS assets,
       [(n)-[:SUPPORTS]->(f:CriticalFunction) | f.id] AS functions,
       [(n)<-[:SUPPORTS]-(w:Workflow) | w.id] AS supportingWorkflows
