// Existing services, assets and workflows whose owner the template changes: their old
// ownership link goes (create-links makes the new one in the same transaction).
UNWIND $ids AS id
MATCH (c:Entity {id: id})
OPTIONAL MATCH (c)-[p:PROVIDED_BY]->(:Supplier)
OPTIONAL MATCH (:Organization)-[o:OWNS|PERFORMS]->(c)
DELETE p, o
