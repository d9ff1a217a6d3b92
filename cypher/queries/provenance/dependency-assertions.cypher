// The asserted DEPENDS_ON edges of a page of source entities (id order), with their lists.
MATCH (a:Entity)
WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
RETURN a.id AS from,
       [(a)-[r:DEPENDS_ON]->(b:Entity) WHERE r.submissions IS NOT NULL | { to: b.id, submissions: r.submissions }] AS deps
