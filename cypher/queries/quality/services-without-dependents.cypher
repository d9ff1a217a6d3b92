// Data quality: services that nothing depends on. In the catalogue but in no one's
// dependencies: stale, or the submissions that use them are missing.
// The shared catalogue: the same for every reader (issue 19).
MATCH (s:Service)
WHERE NOT ()-[:DEPENDS_ON]->(s)
WITH s ORDER BY s.id
WITH collect(s.id) AS ids
RETURN size(ids) AS count, [id IN ids[0..$limit] | {id: id, detail: null}] AS samples
