// Empties the database for a restore, in batches (auto-commit); the graph version
// node stays, so the version keeps moving forward and no cached projection survives.
MATCH (n) WHERE NOT n:GraphMeta
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
