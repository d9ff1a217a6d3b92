// Closes an OPEN incident with its actual end (the caller checked it is open under its lock).
MATCH (i:Incident {id: $id})
SET i.status = 'CLOSED', i.endedAt = $endedAt, i.updatedBy = $actor, i.updatedAt = $at
RETURN i.id AS id
