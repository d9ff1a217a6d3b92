// Every submission, oldest first (by date, then id): the provenance table of an export.
MATCH (s:Submission)
RETURN s {.*} AS submission
ORDER BY s.date, s.id
