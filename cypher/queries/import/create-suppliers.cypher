// Create a batch of Supplier rows whose ids the graph does not hold yet (read before the
// write): CREATE skips the lookup MERGE needs. The properties are named one by one (a
// missing value is not stored) rather than `SET n = row.props`, whose unknown keys make
// the planner put an Eager barrier in the plan (import.int.test.ts checks every plan).
// Returns each node's element id: the import links and relates the nodes it created by
// it (create-*-by-element), without a locking unique-index seek per endpoint. `n.id`,
// not `row.id`: the planner cannot tell that `row` is no node, and would add an Eager.
UNWIND $rows AS row
CREATE (n:Entity:Supplier {id: row.id, name: row.props.name, category: row.props.category, country: row.props.country, securityRating: row.props.securityRating, notes: row.props.notes})
RETURN n.id AS id, elementId(n) AS element
