// Create a batch of CriticalFunction rows whose ids the graph does not hold yet (read before the
// write): CREATE skips the lookup MERGE needs. The properties are named one by one (a
// missing value is not stored) rather than `SET n = row.props`, whose unknown keys make
// the planner put an Eager barrier in the plan (import.int.test.ts checks every plan).
UNWIND $rows AS row
CREATE (n:Entity:CriticalFunction {id: row.id, name: row.props.name, description: row.props.description, ncf: row.props.ncf})
RETURN count(n) AS created, 0 AS updated
