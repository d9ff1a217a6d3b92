// The graph version and the changes after $after up to it, in one read, so the
// projection replays exactly the writes that make the version it then claims.
OPTIONAL MATCH (m:GraphMeta {key: 'graph'})
WITH coalesce(m.version, 0) AS version
OPTIONAL MATCH (c:Change)
WHERE c.version > $after AND c.version <= version
WITH version, c ORDER BY c.version
RETURN version, [x IN collect(c) | {version: x.version, ops: x.ops}] AS changes
