// --replace: a batch of entities the template no longer holds (found by paging the
// graph's ids), with their relationships. Returns how many went per kind.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WITH n, [l IN labels(n) WHERE l <> 'Entity'][0] AS label
DETACH DELETE n
RETURN label, count(*) AS removed
