// What a backup holds and a restore must give back: entities per label, DEPENDS_ON
// and SUPPORTS edges, users, scenarios, audit events, revocations, incidents,
// submissions, entity aliases and merges, and the rows with a provenance list.
CALL () { MATCH (n:Organization) RETURN count(n) AS organizations }
CALL () { MATCH (n:Supplier) RETURN count(n) AS suppliers }
CALL () { MATCH (n:Service) RETURN count(n) AS services }
CALL () { MATCH (n:Asset) RETURN count(n) AS assets }
CALL () { MATCH (n:Workflow) RETURN count(n) AS workflows }
CALL () { MATCH (n:CriticalFunction) RETURN count(n) AS criticalFunctions }
CALL () { MATCH ()-[r:DEPENDS_ON]->() RETURN count(r) AS dependencies }
CALL () { MATCH (:Workflow)-[r:SUPPORTS]->(:CriticalFunction) RETURN count(r) AS workflowFunctions }
CALL () { MATCH (n:User) RETURN count(n) AS users }
CALL () { MATCH (n:Scenario) RETURN count(n) AS scenarios }
CALL () { MATCH (n:AuditEvent) RETURN count(n) AS auditEvents }
CALL () { MATCH (n:RevokedToken) RETURN count(n) AS revokedTokens }
CALL () { MATCH (n:TokenRevocation) RETURN count(n) AS tokenRevocations }
CALL () { MATCH (n:Incident) RETURN count(n) AS incidents }
CALL () { MATCH (n:Submission) RETURN count(n) AS submissions }
CALL () { MATCH (n:EntityAlias) RETURN count(n) AS entityAliases }
CALL () { MATCH (n:EntityMerge) RETURN count(n) AS entityMerges }
CALL () { MATCH (n:Entity) WHERE n.submissions IS NOT NULL RETURN count(n) AS entityProvenance }
CALL () {
  MATCH ()-[r:DEPENDS_ON]->() WHERE r.submissions IS NOT NULL RETURN count(r) AS dependencyProvenance
}
RETURN organizations, suppliers, services, assets, workflows, criticalFunctions, dependencies,
       workflowFunctions, users, scenarios, auditEvents, revokedTokens, tokenRevocations,
       incidents, submissions, entityAliases, entityMerges, entityProvenance, dependencyProvenance
