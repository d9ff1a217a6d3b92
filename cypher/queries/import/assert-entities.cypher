// The entities of a batch of ids are asserted by $submission (a new one: the import
// made its id): its id is appended to their `submissions` list. One property write per
// asserted entity; each row in its own subquery, so no Eager is planned.
UNWIND $rows AS id
CALL (id) {
  MATCH (n:Entity {id: id})
  SET n.submissions = coalesce(n.submissions, []) + $submission
  RETURN count(n) AS one
}
RETURN sum(one) AS asserted
