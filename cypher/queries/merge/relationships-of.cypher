// Every relationship of the entities $ids, each once, with its type, ends and
// properties (what a merge moves, and what its undo puts back). `known` is false for a
// relationship a merge does not know how to move (then the merge is refused).
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r]-(m)
WITH DISTINCT r, m
RETURN type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, properties(r) AS props,
       m:Entity AND type(r) IN ['DEPENDS_ON', 'PROVIDED_BY', 'PERFORMS', 'OWNS', 'SUPPORTS'] AS known
ORDER BY type, from, to
