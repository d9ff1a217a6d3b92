// DEPENDS_ON edges with an endpoint created by this import: they cannot exist yet, so
// CREATE without the check-then-merge of upsert-dependencies.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
CREATE (a)-[r:DEPENDS_ON]->(b)
SET r = row.props
RETURN count(r) AS created, 0 AS updated
