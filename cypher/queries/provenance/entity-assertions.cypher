// A page of entities (id order) that some submission asserted, with their lists.
MATCH (n:Entity)
WHERE n.id > $after AND n.submissions IS NOT NULL
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, n.submissions AS submissions
