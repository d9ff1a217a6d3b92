// A new estimate or correction of an OPEN incident (the caller checked it is open under its lock).
MATCH (i:Incident {id: $id})
SET i.name = $name, i.failed = $failed, i.startedAt = $startedAt,
    i.expectedDurationHours = $expectedDurationHours, i.note = $note,
    i.updatedBy = $actor, i.updatedAt = $at
RETURN i.id AS id
