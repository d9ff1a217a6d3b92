// Open incidents first, then the latest start first.
MATCH (i:Incident)
RETURN i.id AS id, i.name AS name, i.failed AS failed, i.startedAt AS startedAt,
       i.expectedDurationHours AS expectedDurationHours, i.note AS note, i.status AS status,
       i.endedAt AS endedAt, i.declaredBy AS declaredBy, i.declaredAt AS declaredAt,
       i.updatedBy AS updatedBy, i.updatedAt AS updatedAt
ORDER BY CASE i.status WHEN 'OPEN' THEN 0 ELSE 1 END, i.startedAt DESC, i.id
LIMIT $limit
