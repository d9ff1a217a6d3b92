// The DEPENDS_ON edges of a page of source entities in id order (one row per source,
// so the caller pages on the last source id and paging stays linear).
MATCH (a:Entity)
WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
RETURN a.id AS from, [(a)-[r:DEPENDS_ON]->(b:Entity) | { to: b.id, props: properties(r) }] AS deps
