// A snapshot taken before an operation in another transaction (a restore): the version
// that operation left, so an undo can tell whether anything changed since.
MATCH (s:ImportSnapshot {id: $id})
MATCH (m:GraphMeta {key: 'graph'})
SET s.versionAfter = m.version
RETURN s.versionAfter AS version
