// A provenance table written back: each DEPENDS_ON edge's list of asserting submissions
// becomes the one the table holds.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r:DEPENDS_ON]->(b:Entity {id: row.to})
SET r.submissions = row.submissions
RETURN count(r) AS set
