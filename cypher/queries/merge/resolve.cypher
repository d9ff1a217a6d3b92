// The survivors of merged-away ids: [{id, survivorId}] for each of $ids that is an alias.
UNWIND $ids AS id
MATCH (x:EntityAlias {id: id})
RETURN x.id AS id, x.survivorId AS survivorId
