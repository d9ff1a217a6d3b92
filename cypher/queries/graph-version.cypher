// The current graph version; the engine projection is keyed by it.
OPTIONAL MATCH (m:GraphMeta {key: 'graph'})
RETURN coalesce(m.version, 0) AS version
