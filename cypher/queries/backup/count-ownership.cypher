// Ownership links a restore must give back: one per service (its supplier), asset and
// workflow (their organization).
CALL () { MATCH (:Service)-[r:PROVIDED_BY]->(:Supplier) RETURN count(r) AS services }
CALL () { MATCH (:Organization)-[r:OWNS]->(:Asset) RETURN count(r) AS assets }
CALL () { MATCH (:Organization)-[r:PERFORMS]->(:Workflow) RETURN count(r) AS workflows }
RETURN services + assets + workflows AS links
