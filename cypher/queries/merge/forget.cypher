// An undone merge is consumed.
MATCH (m:EntityMerge {id: $id})
DELETE m
