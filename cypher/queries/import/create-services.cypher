// Create a batch of Service rows whose ids the graph does not hold yet (read before the
// write): CREATE skips the lookup MERGE needs. The properties are named one by one (a
// missing value is not stored) rather than `SET n = row.props`, whose unknown keys make
// the planner put an Eager barrier in the plan (import.int.test.ts checks every plan).
// Returns each node's element id: the import links and relates the nodes it created by
// it (create-*-by-element), without a locking unique-index seek per endpoint. `n.id`,
// not `row.id`: the planner cannot tell that `row` is no node, and would add an Eager.
UNWIND $rows AS row
CREATE (n:Entity:Service {id: row.id, name: row.props.name, type: row.props.type, category: row.props.category, region: row.props.region, notes: row.props.notes})
RETURN n.id AS id, elementId(n) AS element
