// One page of the audit trail, newest first, after a cursor (the `at` and `id` of the
// last event of the previous page; both null for the first page). $first + 1 rows are
// read so the caller knows whether another page follows.
MATCH (e:AuditEvent)
WHERE $afterAt IS NULL
   OR e.at < datetime($afterAt)
   OR (e.at = datetime($afterAt) AND e.id < $afterId)
WITH e ORDER BY e.at DESC, e.id DESC LIMIT $limit
RETURN e.id AS id, toString(e.at) AS at, e.actor AS actor, e.action AS action,
       e.target AS target, e.details AS details
