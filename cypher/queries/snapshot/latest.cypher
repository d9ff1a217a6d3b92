// The newest snapshot (what "undo last import" restores) and the current graph version.
OPTIONAL MATCH (m:GraphMeta {key: 'graph'})
OPTIONAL MATCH (s:ImportSnapshot)
WITH m, s ORDER BY s.seq DESC LIMIT 1
RETURN s { .id, .auditId, .format, .chunks, .actor, .action, .source, .versionBefore, .versionAfter, .entities, .relationships,
           at: toString(s.at) } AS snapshot,
       coalesce(m.version, 0) AS version
