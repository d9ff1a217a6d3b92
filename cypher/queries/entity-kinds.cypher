// id and kind of every entity, a page at a time in id order (for validating partial templates).
MATCH (n:Entity)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label
