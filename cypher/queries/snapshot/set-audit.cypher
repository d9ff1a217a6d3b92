// The audit event of the operation a snapshot comes before, so "changes since" leaves it out.
MATCH (s:ImportSnapshot {id: $id})
SET s.auditId = $auditId
