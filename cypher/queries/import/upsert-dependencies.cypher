// One DEPENDS_ON edge per (from, to); its properties replaced as a whole but for the
// submissions that asserted it (not a template column), which are kept.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
OPTIONAL MATCH (a)-[old:DEPENDS_ON]->(b)
WITH a, b, row, old IS NULL AS isNew, properties(old) AS before
MERGE (a)-[r:DEPENDS_ON]->(b)
SET r = row.props, r.submissions = before.submissions
RETURN count(CASE WHEN isNew THEN 1 END) AS created,
       count(CASE WHEN NOT isNew AND before <> properties(r) THEN 1 END) AS updated
