// One page of the engine's projection, in id order: each entity with the numbers the
// engine needs and its outgoing links (dependencies, supplier, owner, functions).
MATCH (n:Entity)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS label,
       n.name AS name,
       n.toleranceHours AS toleranceHours,
       n.workaroundCapacity AS workaroundCapacity,
       n.volumePerDay AS volumePerDay,
       n.criticality AS criticality,
       coalesce(n.category, n.type) AS category,
       n.subsector AS subsector,
       CASE WHEN n:Organization THEN n.region END AS region,
       CASE WHEN n:Workflow THEN n.volumeUnit END AS volumeUnit,
       [(n)-[r:DEPENDS_ON]->(b:Entity) | [b.id, r.group, r.strength]] AS deps,
       [(n)-[:PROVIDED_BY]->(s:Supplier) | s.id] AS suppliers,
       [(o:Organization)-[:PERFORMS|OWNS]->(n) | o.id] AS owners,
       [(n)-[:SUPPORTS]->(f:CriticalFunction) | f.id] AS functions
