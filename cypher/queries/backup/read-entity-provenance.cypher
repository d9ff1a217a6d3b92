// The provenance list of every entity some submission asserted (DESIGN §2 "Provenance"):
// its id and its `submissions`, typed like a system node's properties.
MATCH (n:Entity)
WHERE n.submissions IS NOT NULL
RETURN [{ key: 'id', value: n.id, type: valueType(n.id) },
        { key: 'submissions', value: n.submissions, type: valueType(n.submissions) }] AS props
