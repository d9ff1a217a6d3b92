// --replace: entities the template no longer holds go, with their relationships.
MATCH (n:Entity)
WHERE NOT n.id IN $keep
WITH n, [l IN labels(n) WHERE l <> 'Entity'][0] AS label
DETACH DELETE n
RETURN label, count(*) AS removed
