// The latest merge into $survivor, if any.
MATCH (m:EntityMerge {survivorId: $survivor})
RETURN m.id AS id, m.otherIds AS otherIds, m.version AS version, m.undo AS undo
ORDER BY m.at DESC
LIMIT 1
