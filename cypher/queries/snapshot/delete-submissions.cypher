// Undo of an import: the submissions it created (marked with its snapshot) go with it,
// so the map is exactly as before (issue 13 item 3).
MATCH (s:Submission {snapshot: $id})
DETACH DELETE s
