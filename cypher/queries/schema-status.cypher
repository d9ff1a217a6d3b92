// Readiness: the product's constraints exist and all its indexes are online.
// (Every constraint here is a uniqueness constraint, so it owns an index of its name.)
SHOW INDEXES YIELD name, state, owningConstraint WHERE name STARTS WITH 'smart_'
RETURN count(owningConstraint) AS constraints, count(*) AS indexes,
       count(CASE WHEN state = 'ONLINE' THEN 1 END) AS onlineIndexes
