// Replace the properties of a batch of existing Workflow rows that differ from the
// template (compared before the write): every template property is set, so a value
// removed from the template (null) is removed from the graph. Named one by one: no Eager.
UNWIND $rows AS row
MATCH (n:Workflow {id: row.id})
SET n.name = row.props.name,
    n.category = row.props.category,
    n.sectorWorkflow = row.props.sectorWorkflow,
    n.criticality = row.props.criticality,
    n.toleranceHours = row.props.toleranceHours,
    n.workaroundCapacity = row.props.workaroundCapacity,
    n.volumePerDay = row.props.volumePerDay,
    n.volumeUnit = row.props.volumeUnit,
    n.notes = row.props.notes
RETURN count(n) AS updated
