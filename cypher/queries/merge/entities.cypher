// The merged entities as stored (kind label and every property), for the undo.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS label, properties(n) AS props
