// --replace: DEPENDS_ON and SUPPORTS edges the template no longer holds go.
MATCH (a:Entity)-[r:DEPENDS_ON|SUPPORTS]->(b:Entity)
WHERE NOT (a.id + '\u0000' + b.id) IN $keep
WITH r, type(r) AS kind
DELETE r
RETURN kind, count(*) AS removed
