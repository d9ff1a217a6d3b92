MATCH (i:Incident {id: $id})
RETURN i.id AS id, i.name AS name, i.failed AS failed, i.startedAt AS startedAt,
       i.expectedDurationHours AS expectedDurationHours, i.note AS note, i.status AS status,
       i.endedAt AS endedAt, i.declaredBy AS declaredBy, i.declaredAt AS declaredAt,
       i.updatedBy AS updatedBy, i.updatedAt AS updatedAt
