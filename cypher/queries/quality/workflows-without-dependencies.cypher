// Data quality: workflows that depend on nothing. They look immune to every third
// party, which is rarely true: usually their dependencies were not mapped.
// $orgs: a scoped reader's organizations (issue 19: theirs only), else null.
MATCH (w:Workflow)
WHERE ($orgs IS NULL OR EXISTS { MATCH (o:Organization)-[:PERFORMS]->(w) WHERE o.id IN $orgs })
  AND NOT (w)-[:DEPENDS_ON]->()
WITH w ORDER BY w.id
WITH collect(w.id) AS ids
RETURN size(ids) AS count, [id IN ids[0..$limit] | {id: id, detail: null}] AS samples
