// Puts the edge $from -> $to into group $group (addDependency with alternativeTo, when that edge had none).
MATCH (:Entity {id: $from})-[r:DEPENDS_ON]->(:Entity {id: $to})
SET r.group = $group
RETURN r.strength AS strength
