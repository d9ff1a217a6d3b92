// Undo: entities back with their kind label and exactly their properties.
UNWIND $rows AS row
CREATE (n:Entity:$(row.label))
SET n = row.props
RETURN count(n) AS written
