// The provenance list of every asserted DEPENDS_ON edge: its ends and its `submissions`,
// typed like a system node's properties.
MATCH (a:Entity)-[r:DEPENDS_ON]->(b:Entity)
WHERE r.submissions IS NOT NULL
RETURN [{ key: 'from', value: a.id, type: valueType(a.id) },
        { key: 'to', value: b.id, type: valueType(b.id) },
        { key: 'submissions', value: r.submissions, type: valueType(r.submissions) }] AS props
