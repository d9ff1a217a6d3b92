// Data quality: workflows that support no critical function. No capacity loss counts
// them (DESIGN.md §3), so their failure is invisible in the function figures.
MATCH (w:Workflow)
WHERE NOT (w)-[:SUPPORTS]->(:CriticalFunction)
WITH w ORDER BY w.id
WITH collect(w.id) AS ids
RETURN size(ids) AS count, [id IN ids[0..$limit] | {id: id, detail: null}] AS samples
