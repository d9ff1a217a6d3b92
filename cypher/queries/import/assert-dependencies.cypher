// The DEPENDS_ON edges of a batch of {from, to} rows are asserted by $submission (a new
// one): its id is appended to their `submissions` list; each row in its own subquery,
// so no Eager is planned.
UNWIND $rows AS row
CALL (row) {
  MATCH (a:Entity {id: row.from})-[r:DEPENDS_ON]->(b:Entity {id: row.to})
  SET r.submissions = coalesce(r.submissions, []) + $submission
  RETURN count(r) AS one
}
RETURN sum(one) AS asserted
