// Data quality: workflows that support no critical function. No capacity loss counts
// them (DESIGN.md §3), so their failure is invisible in the function figures.
// $orgs: a scoped reader's organizations (issue 19: theirs only), else null.
MATCH (w:Workflow)
WHERE ($orgs IS NULL OR EXISTS { MATCH (o:Organization)-[:PERFORMS]->(w) WHERE o.id IN $orgs })
  AND NOT (w)-[:SUPPORTS]->(:CriticalFunction)
WITH w ORDER BY w.id
WITH collect(w.id) AS ids
RETURN size(ids) AS count, [id IN ids[0..$limit] | {id: id, detail: null}] AS samples
