// An undo of a restore: the keys ($key) of the records of one label ($label) that are
// there now (after remove-restored-records: those made since the restore).
MATCH (n)
WHERE $label IN labels(n)
RETURN collect(n[$key]) AS keys
