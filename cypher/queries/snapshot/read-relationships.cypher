// Every relationship between entities (dependencies, function links, ownership), typed properties.
MATCH (a:Entity)-[r]->(b:Entity)
RETURN type(r) AS type, a.id AS from, b.id AS to,
       [k IN keys(r) | { key: k, value: r[k], type: valueType(r[k]) }] AS props
