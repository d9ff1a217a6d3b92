// The submissions that asserted each of $ids, in the order they asserted it.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
UNWIND range(0, size(coalesce(n.submissions, [])) - 1) AS i
MATCH (s:Submission {id: n.submissions[i]})
RETURN n.id AS id, s {.*} AS submission
ORDER BY id, i
