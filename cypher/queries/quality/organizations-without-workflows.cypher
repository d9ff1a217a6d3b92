// Data quality: organizations that perform no workflow. No outage can affect them
// in an analysis, because nothing of theirs is mapped.
MATCH (o:Organization)
WHERE NOT (o)-[:PERFORMS]->(:Workflow)
WITH o ORDER BY o.id
WITH collect(o.id) AS ids
RETURN size(ids) AS count, [id IN ids[0..$limit] | {id: id, detail: null}] AS samples
