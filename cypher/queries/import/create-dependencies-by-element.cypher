// DEPENDS_ON edges a staged import creates (none between the two entities yet), both
// ends given by element id (created or read by this import; no other write runs while
// its journal exists): no locking unique-index seek per endpoint. Properties named one
// by one (no Eager).
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
MATCH (b) WHERE elementId(b) = row.b
CREATE (a)-[r:DEPENDS_ON {group: row.props.group, strength: row.props.strength, source: row.props.source, confidence: row.props.confidence, notes: row.props.notes}]->(b)
