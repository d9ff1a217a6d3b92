// The merged entities go, with their relationships (already re-created on the survivor).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
DETACH DELETE n
RETURN count(*) AS deleted
