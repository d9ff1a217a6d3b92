// Data quality: organizations that perform no workflow. No outage can affect them
// in an analysis, because nothing of theirs is mapped.
// $orgs: a scoped reader's organizations (issue 19: theirs only), else null.
MATCH (o:Organization)
WHERE ($orgs IS NULL OR o.id IN $orgs)
  AND NOT (o)-[:PERFORMS]->(:Workflow)
WITH o ORDER BY o.id
WITH collect(o.id) AS ids
RETURN size(ids) AS count, [id IN ids[0..$limit] | {id: id, detail: null}] AS samples
