// Data quality: entities that submissions asserted, last confirmed (the latest date of
// their submissions) before $before (YYYY-MM-DD): possibly stale. Oldest first.
// $orgs: a scoped reader's organizations (issue 19: their rows and the catalogue), else null.
MATCH (n:Entity)
WHERE n.submissions IS NOT NULL
  AND ($orgs IS NULL OR n:Supplier OR n:Service OR n:CriticalFunction OR (n:Organization AND n.id IN $orgs)
       OR EXISTS { MATCH (o:Organization)-[:PERFORMS|OWNS]->(n) WHERE o.id IN $orgs })
CALL (n) {
  UNWIND n.submissions AS sid
  MATCH (s:Submission {id: sid})
  RETURN max(s.date) AS confirmed
}
WITH n, confirmed
WHERE confirmed < $before
WITH n, confirmed ORDER BY confirmed, n.id
WITH collect({id: n.id, detail: 'last confirmed ' + confirmed}) AS rows
RETURN size(rows) AS count, rows[0..$limit] AS samples
