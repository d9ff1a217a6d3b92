// The stored DEPENDS_ON edges among $rows ({from, to}): a pair with no edge gives no row
// (a path's hops, read together: apps/api DependencyPath.dependencies).
UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r:DEPENDS_ON]->(:Entity {id: row.to})
RETURN row.from AS from, row.to AS to, r.group AS group, coalesce(r.strength, 1.0) AS strength,
       r.source AS source, r.confidence AS confidence, r.notes AS notes
