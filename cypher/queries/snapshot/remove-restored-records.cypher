// An undo of a restore: the records of one label ($label, identified by $key) that the
// restore wrote ($keys) go. Rare and whole-database, so the label is a parameter (a
// scan, no index).
MATCH (n)
WHERE $label IN labels(n) AND n[$key] IN $keys
DETACH DELETE n
RETURN count(*) AS removed
