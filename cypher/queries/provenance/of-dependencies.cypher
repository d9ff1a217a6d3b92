// The submissions that asserted each DEPENDS_ON edge of $rows ({from, to}), in order.
UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r:DEPENDS_ON]->(:Entity {id: row.to})
UNWIND range(0, size(coalesce(r.submissions, [])) - 1) AS i
MATCH (s:Submission {id: r.submissions[i]})
RETURN row.from AS from, row.to AS to, s {.*} AS submission
ORDER BY from, to, i
