// Every :EntityMerge node's properties with their Cypher types, so a restore writes them
// back exactly (integers stay integers, datetimes stay datetimes).
MATCH (n:EntityMerge)
RETURN [k IN keys(n) | { key: k, value: n[k], type: valueType(n[k]) }] AS props
