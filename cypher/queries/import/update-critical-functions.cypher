// Replace the properties of a batch of existing CriticalFunction rows that differ from the
// template (compared before the write): every template property is set, so a value
// removed from the template (null) is removed from the graph. Named one by one: no Eager.
UNWIND $rows AS row
MATCH (n:CriticalFunction {id: row.id})
SET n.name = row.props.name,
    n.description = row.props.description,
    n.ncf = row.props.ncf
RETURN count(n) AS updated
