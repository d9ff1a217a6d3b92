// Data quality: suppliers with no service and nothing depending on them directly:
// they cannot carry any risk in the analyses.
// The shared catalogue: the same for every reader (issue 19).
MATCH (p:Supplier)
WHERE NOT ()-[:PROVIDED_BY]->(p) AND NOT ()-[:DEPENDS_ON]->(p)
WITH p ORDER BY p.id
WITH collect(p.id) AS ids
RETURN size(ids) AS count, [id IN ids[0..$limit] | {id: id, detail: null}] AS samples
