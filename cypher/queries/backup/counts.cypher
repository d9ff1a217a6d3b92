// What a backup holds and a restore must give back: entities per label, DEPENDS_ON
// and SUPPORTS edges, users, scenarios, audit events and revocations.
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
RETURN organizations, suppliers, services, assets, workflows, criticalFunctions, dependencies,
       workflowFunctions, users, scenarios, auditEvents, revokedTokens, tokenRevocations
