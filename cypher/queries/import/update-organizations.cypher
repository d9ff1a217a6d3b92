// Replace the properties of a batch of existing Organization rows that differ from the
// template (compared before the write): every template property is set, so a value
// removed from the template (null) is removed from the graph. Named one by one: no Eager.
UNWIND $rows AS row
MATCH (n:Organization {id: row.id})
SET n.name = row.props.name,
    n.subsector = row.props.subsector,
    n.type = row.props.type,
    n.region = row.props.region,
    n.size = row.props.size,
    n.beds = row.props.beds,
    n.notes = row.props.notes
RETURN count(n) AS updated
