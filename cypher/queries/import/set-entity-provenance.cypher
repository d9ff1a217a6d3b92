// A provenance table written back (an export imported again): each entity's list of
// asserting submissions becomes the one the table holds.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n.submissions = row.submissions
RETURN count(n) AS set
