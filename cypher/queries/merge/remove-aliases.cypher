// Undoes add-aliases: the aliases of $ids go, and $repointed ([{id, survivorId}]) point
// where they pointed before.
CALL () {
  UNWIND $ids AS id
  MATCH (x:EntityAlias {id: id})
  DELETE x
}
UNWIND $repointed AS r
MATCH (x:EntityAlias {id: r.id})
SET x.survivorId = r.survivorId
RETURN count(x) AS repointed
