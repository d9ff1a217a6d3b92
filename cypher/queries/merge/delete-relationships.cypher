// Deletes the relationships $rels ([{type, from, to}]) between entities (an undone
// merge's moves).
UNWIND $rels AS rel
MATCH (:Entity {id: rel.from})-[r]->(:Entity {id: rel.to})
WHERE type(r) = rel.type
DELETE r
RETURN count(r) AS deleted
