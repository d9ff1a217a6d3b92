// A staged import committed: its snapshot records the version it left and its audit event.
MATCH (s:ImportSnapshot {id: $id})
SET s.versionAfter = $version, s.auditId = $auditId
