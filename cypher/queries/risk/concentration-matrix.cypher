// Supplier category × subsector: how many organizations of each subsector depend, through
// their workflows or assets (directly or via one service-to-service hop), on suppliers of
// each category.
MATCH (o:Organization)-[:PERFORMS|OWNS]->(x)-[:DEPENDS_ON]->(t)
OPTIONAL MATCH (t)-[:DEPENDS_ON]->(t2:Service)
WITH o, [t, t2] AS reached
UNWIND reached AS r
WITH o, r WHERE r IS NOT NULL
OPTIONAL MATCH (r)-[:PROVIDED_BY]->(viaService:Supplier)
WITH o, CASE WHEN r:Supplier THEN r ELSE viaService END AS sup
WHERE sup IS NOT NULL
RETURN coalesce(sup.category, 'uncategorised') AS supplierCategory, o.subsector AS subsector,
       count(DISTINCT o) AS organizations, count(DISTINCT sup) AS suppliers
ORDER BY supplierCategory, subsector
