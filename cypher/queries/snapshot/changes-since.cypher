// Audit events after a snapshot was taken, but for its own operation's event: what an
// undo would throw away.
MATCH (e:AuditEvent)
WHERE e.at > datetime($at) AND e.id <> coalesce($auditId, '')
RETURN toString(e.at) AS at, e.actor AS actor, e.action AS action, e.target AS target
ORDER BY e.at
LIMIT 20
