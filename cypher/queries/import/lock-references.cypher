// Inside the import's write transaction: the kinds of the ids the template references
// but does not define, each write-locked (a dummy property set and removed) so that a
// concurrent delete waits for this import instead of making its MATCHes skip rows.
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
FOREACH (_ IN CASE WHEN n IS NULL THEN [] ELSE [1] END | SET n._importLock = true REMOVE n._importLock)
RETURN id, CASE WHEN n IS NULL THEN null ELSE [l IN labels(n) WHERE l <> 'Entity'][0] END AS label
