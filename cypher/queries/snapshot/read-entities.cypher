// Every entity with its kind label and each property with its Cypher type, for an undo snapshot.
MATCH (n:Entity)
RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS label,
       [k IN keys(n) | { key: k, value: n[k], type: valueType(n[k]) }] AS props
