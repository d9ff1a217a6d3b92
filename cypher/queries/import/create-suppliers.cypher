// Create a batch of Supplier rows whose ids the graph does not hold yet (read before the
// write): CREATE skips the lookup MERGE needs. The properties are named one by one (a
// missing value is not stored) rather than `SET n = row.props`, whose unknown keys make
// the planner put an Eager barrier in the plan (import.int.test.ts checks every plan).
UNWIND $rows AS row
CREATE (n:Entity:Supplier {id: row.id, name: row.props.name, category: row.props.category, country: row.props.country, securityRating: row.props.securityRating, notes: row.props.notes})
RETURN count(n) AS created, 0 AS updated
