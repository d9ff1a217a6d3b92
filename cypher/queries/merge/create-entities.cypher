// Writes merged entities back (an undone merge): $entities [{label, props}], props with
// the id, label one of the six kinds.
UNWIND $entities AS e
CREATE (n:Entity)
SET n = e.props
FOREACH (_ IN CASE WHEN e.label = 'Organization' THEN [1] ELSE [] END | SET n:Organization)
FOREACH (_ IN CASE WHEN e.label = 'Supplier' THEN [1] ELSE [] END | SET n:Supplier)
FOREACH (_ IN CASE WHEN e.label = 'Service' THEN [1] ELSE [] END | SET n:Service)
FOREACH (_ IN CASE WHEN e.label = 'Asset' THEN [1] ELSE [] END | SET n:Asset)
FOREACH (_ IN CASE WHEN e.label = 'Workflow' THEN [1] ELSE [] END | SET n:Workflow)
FOREACH (_ IN CASE WHEN e.label = 'CriticalFunction' THEN [1] ELSE [] END | SET n:CriticalFunction)
RETURN count(n) AS created
