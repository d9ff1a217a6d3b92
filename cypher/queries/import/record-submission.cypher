// One submission (issue 13 item 3): created by the import that records it, or written
// back as exported (a provenance table); an id already held keeps its node, its fields
// set from $submission. A node this import creates is marked with its undo snapshot
// ($snapshot, null when none), so undoing the import removes it.
MERGE (s:Submission {id: $submission.id})
ON CREATE SET s.snapshot = $snapshot
SET s.contributor = $submission.contributor,
    s.contact = $submission.contact,
    s.date = $submission.date,
    s.note = $submission.note,
    s.recordedAt = coalesce(s.recordedAt, $submission.recordedAt),
    s.actor = coalesce(s.actor, $submission.actor)
RETURN s.id AS id
