// The relationships from a page of entities (id order) to entities, typed properties.
MATCH (a:Entity)
WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
RETURN a.id AS from,
       [(a)-[r]->(b:Entity) | { type: type(r), to: b.id,
         props: [k IN keys(r) | { key: k, value: r[k], type: valueType(r[k]) }] }] AS rels
