// Bookkeeping nodes: the graph version every write bumps, saved scenarios, users, the audit trail.
CREATE CONSTRAINT smart_meta_key IF NOT EXISTS FOR (m:GraphMeta) REQUIRE m.key IS UNIQUE;
CREATE CONSTRAINT smart_scenario_id IF NOT EXISTS FOR (s:Scenario) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT smart_user_name IF NOT EXISTS FOR (u:User) REQUIRE u.username IS UNIQUE;
CREATE INDEX smart_audit_at IF NOT EXISTS FOR (a:AuditEvent) ON (a.at);
