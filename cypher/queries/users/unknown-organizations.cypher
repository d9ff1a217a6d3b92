// The ids of a user's scope that name no Organization of the map (a scope is refused
// when one does, so it cannot silently grant nothing or a later-created organization).
UNWIND $ids AS id
OPTIONAL MATCH (o:Organization {id: id})
WITH id, o WHERE o IS NULL
RETURN collect(id) AS missing
