// Data quality: suppliers whose dependents all come from one submission: every
// dependency on the supplier or on one of its services was asserted, and all of them by
// the same single submission, so one organization's word is all the map has.
// It describes other organizations' submissions: empty for a scoped reader ($orgs set).
MATCH (sup:Supplier)
WHERE $orgs IS NULL
CALL (sup) {
  OPTIONAL MATCH (svc:Service)-[:PROVIDED_BY]->(sup)
  WITH sup, [sup] + collect(svc) AS targets
  UNWIND targets AS t
  MATCH (d:Entity)-[r:DEPENDS_ON]->(t)
  RETURN count(r) AS edges, count(r.submissions) AS asserted, count(DISTINCT d) AS dependents,
         collect(r.submissions) AS lists
}
WITH sup, edges, asserted, dependents,
     reduce(acc = [], l IN lists | acc + [x IN l WHERE NOT x IN acc]) AS submissions
WHERE edges > 0 AND asserted = edges AND size(submissions) = 1
OPTIONAL MATCH (s:Submission {id: submissions[0]})
WITH sup, dependents, submissions[0] AS sid, s.date AS date ORDER BY sup.id
WITH collect({id: sup.id, detail: dependents + ' dependent(s), all from submission ' + sid + ' (' + coalesce(date, '?') + ')'}) AS rows
RETURN size(rows) AS count, rows[0..$limit] AS samples
