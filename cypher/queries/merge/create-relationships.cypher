// Creates the relationships $rels ([{type, from, to, props}]) between entities, each
// with its properties; a type outside the five entity relationships creates nothing.
UNWIND $rels AS rel
MATCH (a:Entity {id: rel.from}), (b:Entity {id: rel.to})
FOREACH (_ IN CASE WHEN rel.type = 'DEPENDS_ON' THEN [1] ELSE [] END |
  CREATE (a)-[r:DEPENDS_ON]->(b) SET r = rel.props)
FOREACH (_ IN CASE WHEN rel.type = 'PROVIDED_BY' THEN [1] ELSE [] END |
  CREATE (a)-[r:PROVIDED_BY]->(b) SET r = rel.props)
FOREACH (_ IN CASE WHEN rel.type = 'PERFORMS' THEN [1] ELSE [] END |
  CREATE (a)-[r:PERFORMS]->(b) SET r = rel.props)
FOREACH (_ IN CASE WHEN rel.type = 'OWNS' THEN [1] ELSE [] END |
  CREATE (a)-[r:OWNS]->(b) SET r = rel.props)
FOREACH (_ IN CASE WHEN rel.type = 'SUPPORTS' THEN [1] ELSE [] END |
  CREATE (a)-[r:SUPPORTS]->(b) SET r = rel.props)
RETURN count(*) AS created
