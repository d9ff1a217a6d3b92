// Replace the properties of a batch of existing Service rows that differ from the
// template (compared before the write): every template property is set, so a value
// removed from the template (null) is removed from the graph. Named one by one: no Eager.
UNWIND $rows AS row
MATCH (n:Service {id: row.id})
SET n.name = row.props.name,
    n.type = row.props.type,
    n.category = row.props.category,
    n.region = row.props.region,
    n.notes = row.props.notes
RETURN count(n) AS updated
