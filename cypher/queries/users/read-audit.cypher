// The audit of sector-wide sensitive reads (issue 19: action "read-…"), newest first.
MATCH (e:AuditEvent)
WHERE e.action STARTS WITH 'read-'
WITH e ORDER BY e.at DESC, e.id DESC LIMIT $first
RETURN e.id AS id, toString(e.at) AS at, e.actor AS actor, e.action AS action,
       e.target AS target, e.details AS details
