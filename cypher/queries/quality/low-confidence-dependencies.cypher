// Data quality: dependencies recorded with a confidence below $threshold (0–1), least
// sure first; each sample is the dependent, the detail names what it depends on.
// $orgs: a scoped reader's organizations (issue 19: theirs only), else null.
MATCH (a)-[d:DEPENDS_ON]->(b)
WHERE d.confidence IS NOT NULL AND d.confidence < $threshold
  AND ($orgs IS NULL OR a:Supplier OR a:Service OR a:CriticalFunction OR (a:Organization AND a.id IN $orgs)
       OR EXISTS { MATCH (o:Organization)-[:PERFORMS|OWNS]->(a) WHERE o.id IN $orgs })
  AND ($orgs IS NULL OR b:Supplier OR b:Service OR b:CriticalFunction OR (b:Organization AND b.id IN $orgs)
       OR EXISTS { MATCH (o:Organization)-[:PERFORMS|OWNS]->(b) WHERE o.id IN $orgs })
WITH a, b, d ORDER BY d.confidence, a.id, b.id
WITH collect({id: a.id, detail: 'depends on ' + b.id + ' (confidence ' + toString(d.confidence) + ')'}) AS rows
RETURN size(rows) AS count, rows[0..$limit] AS samples
