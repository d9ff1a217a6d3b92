// A new incident, OPEN. Times are ISO 8601 strings in UTC (the API normalises them).
CREATE (i:Incident {
  id: $id, name: $name, failed: $failed, startedAt: $startedAt,
  expectedDurationHours: $expectedDurationHours, note: $note, status: 'OPEN', endedAt: null,
  declaredBy: $actor, declaredAt: $at, updatedBy: $actor, updatedAt: $at
})
RETURN i.id AS id
