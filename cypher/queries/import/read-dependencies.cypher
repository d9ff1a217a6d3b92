// The DEPENDS_ON edges a batch of template rows already has (both endpoints existed
// before the import), with their properties: the importer creates the missing ones and
// updates those that differ, and leaves the rest alone.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r:DEPENDS_ON]->(b:Entity {id: row.to})
RETURN row.from AS from, row.to AS to, properties(r) AS props
