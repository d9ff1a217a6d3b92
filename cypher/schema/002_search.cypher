// Type-ahead search over names, ids and the descriptive fields an analyst searches by
// (supplier/service/workflow category, service/organization/asset type, subsector,
// sector workflow). The index of the same purpose that covered only names and ids
// (smart_entity_search) is dropped on existing databases: a full-text index cannot
// gain properties in place.
DROP INDEX smart_entity_search IF EXISTS;
CREATE FULLTEXT INDEX smart_entity_search_v2 IF NOT EXISTS
FOR (n:Organization|Supplier|Service|Asset|Workflow|CriticalFunction)
ON EACH [n.name, n.id, n.category, n.type, n.subsector, n.sectorWorkflow]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-no-stop-words' } };
CREATE INDEX smart_entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX smart_dependency_group IF NOT EXISTS FOR ()-[r:DEPENDS_ON]-() ON (r.group);
