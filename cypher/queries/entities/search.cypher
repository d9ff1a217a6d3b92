// Full-text search over names, ids, categories, types, subsectors and sector workflows; $query is a Lucene query built from escaped terms.
// Returns whole entities (as by-ids does), so the answer needs no second read.
CALL db.index.fulltext.queryNodes('smart_entity_search_v2', $query, { limit: $scan })
YIELD node, score
WITH node, score, [l IN labels(node) WHERE l <> 'Entity'][0] AS label
WHERE size($labels) = 0 OR label IN $labels
WITH node, label ORDER BY score DESC, size(node.name), node.id LIMIT $first
OPTIONAL MATCH (node)-[:PROVIDED_BY]->(s:Supplier)
OPTIONAL MATCH (o:Organization)-[:PERFORMS|OWNS]->(node)
RETURN node.id AS id, label, properties(node) AS props, s.id AS supplierId, o.id AS organizationId
