// Takes the incident's write lock before its status is read, so two concurrent closes
// (or a close and an update) cannot both see it OPEN. No row: there is no such incident.
MATCH (i:Incident {id: $id})
SET i.lockedBy = $actor
REMOVE i.lockedBy
RETURN i.status AS status
