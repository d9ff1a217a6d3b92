// Replace the properties of existing DEPENDS_ON edges that differ from the template (one
// edge per (from, to)); every property set, so a removed value goes. No Eager.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r:DEPENDS_ON]->(b:Entity {id: row.to})
SET r.group = row.props.group,
    r.strength = row.props.strength,
    r.source = row.props.source,
    r.confidence = row.props.confidence,
    r.notes = row.props.notes
RETURN count(r) AS updated
