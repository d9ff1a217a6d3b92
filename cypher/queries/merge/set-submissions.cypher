// A survivor's list of asserting submissions after a merge (the union of its own and
// the merged entities', in order), or before it again when the merge is undone.
MATCH (n:Entity {id: $id})
SET n.submissions = $submissions
RETURN n.id AS id
