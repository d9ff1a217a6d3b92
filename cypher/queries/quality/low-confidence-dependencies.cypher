// Data quality: dependencies recorded with a confidence below $threshold (0–1), least
// sure first; each sample is the dependent, the detail names what it depends on.
MATCH (a)-[d:DEPENDS_ON]->(b)
WHERE d.confidence IS NOT NULL AND d.confidence < $threshold
WITH a, b, d ORDER BY d.confidence, a.id, b.id
WITH collect({id: a.id, detail: 'depends on ' + b.id + ' (confidence ' + toString(d.confidence) + ')'}) AS rows
RETURN size(rows) AS count, rows[0..$limit] AS samples
