// For each of $ids: a supplier's services, an organization's workflows and assets, a
// function's workflows, a workflow's functions (one query for a page of entities, so a
// table of workflows asking for their functions reads them once, not once per row).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id,
       [(n)<-[:PROVIDED_BY]-(s:Service) | s.id] AS services,
       [(n)-[:PERFORMS]->(w:Workflow) | w.id] AS workflows,
       [(n)-[:OWNS]->(a:Asset) | a.id] AS assets,
       [(n)-[:SUPPORTS]->(f:CriticalFunction) | f.id] AS functions,
       [(n)<-[:SUPPORTS]-(w:Workflow) | w.id] AS supportingWorkflows
