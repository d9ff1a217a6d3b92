// DEPENDS_ON edges the graph does not hold yet (an endpoint created by this import, or
// none found by read-dependencies): CREATE, properties named one by one (no Eager).
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
CREATE (a)-[r:DEPENDS_ON {group: row.props.group, strength: row.props.strength, source: row.props.source, confidence: row.props.confidence, notes: row.props.notes}]->(b)
RETURN count(r) AS created, 0 AS updated
