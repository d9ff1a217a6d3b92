// A page of entities in id order with their kind label and each property with its Cypher
// type, for an undo snapshot written a page at a time (bounded memory).
MATCH (n:Entity)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label,
       [k IN keys(n) | { key: k, value: n[k], type: valueType(n[k]) }] AS props
