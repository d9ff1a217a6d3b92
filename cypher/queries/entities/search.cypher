// Full-text search over names and ids; $query is a Lucene query built from escaped terms.
CALL db.index.fulltext.queryNodes('smart_entity_search', $query, { limit: $scan })
YIELD node, score
WITH node, score, [l IN labels(node) WHERE l <> 'Entity'][0] AS label
WHERE size($labels) = 0 OR label IN $labels
RETURN node.id AS id
ORDER BY score DESC, size(node.name), node.id
LIMIT $first
