// Entity counts per kind, the dependency count and the graph version, for `stats`.
// Each count is a single-label count, answered from Neo4j's count store.
CALL () { MATCH (n:Organization) RETURN count(n) AS organizations }
CALL () { MATCH (n:Supplier) RETURN count(n) AS suppliers }
CALL () { MATCH (n:Service) RETURN count(n) AS services }
CALL () { MATCH (n:Asset) RETURN count(n) AS assets }
CALL () { MATCH (n:Workflow) RETURN count(n) AS workflows }
CALL () { MATCH (n:CriticalFunction) RETURN count(n) AS criticalFunctions }
CALL () { MATCH ()-[r:DEPENDS_ON]->() RETURN count(r) AS dependencies }
OPTIONAL MATCH (m:GraphMeta {key: 'graph'})
RETURN organizations, suppliers, services, assets, workflows, criticalFunctions, dependencies,
       coalesce(m.version, 0) AS version
