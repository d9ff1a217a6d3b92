// Type-ahead search over names and ids of every kind.
CREATE FULLTEXT INDEX smart_entity_search IF NOT EXISTS
FOR (n:Organization|Supplier|Service|Asset|Workflow|CriticalFunction) ON EACH [n.name, n.id]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-no-stop-words' } };
CREATE INDEX smart_entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX smart_dependency_group IF NOT EXISTS FOR ()-[r:DEPENDS_ON]-() ON (r.group);
