// Replace the properties of a batch of existing Supplier rows that differ from the
// template (compared before the write): every template property is set, so a value
// removed from the template (null) is removed from the graph. Named one by one: no Eager.
UNWIND $rows AS row
MATCH (n:Supplier {id: row.id})
SET n.name = row.props.name,
    n.category = row.props.category,
    n.country = row.props.country,
    n.securityRating = row.props.securityRating,
    n.notes = row.props.notes
RETURN count(n) AS updated
