// The organizations behind one cell of the concentration matrix: the pattern of
// risk/concentration-matrix.cypher restricted to one subsector and one supplier category
// ('uncategorised' = suppliers without one), each organization with the suppliers of that
// category it reaches; by name. Their number is the cell's `organizations`. $orgs: the
// reader's organizations when scoped (issue 19: only those are listed), else null.
MATCH (o:Organization {subsector: $subsector})
WHERE $orgs IS NULL OR o.id IN $orgs
MATCH (o)-[:PERFORMS|OWNS]->(x)-[:DEPENDS_ON]->(t)
OPTIONAL MATCH (t)-[:DEPENDS_ON]->(t2:Service)
WITH o, [t, t2] AS reached
UNWIND reached AS r
WITH o, r WHERE r IS NOT NULL
OPTIONAL MATCH (r)-[:PROVIDED_BY]->(viaService:Supplier)
WITH o, CASE WHEN r:Supplier THEN r ELSE viaService END AS sup
WHERE sup IS NOT NULL AND coalesce(sup.category, 'uncategorised') = $supplierCategory
WITH o, collect(DISTINCT sup.id) AS supplierIds
RETURN o.id AS organizationId, supplierIds
ORDER BY o.name, o.id
LIMIT $first
