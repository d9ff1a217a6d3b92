// Rolling back a staged restore (and its own emptying of the database before it writes):
// the records of one kind ($label: users, scenarios, the audit trail…) go a batch at a
// time, each batch its own transaction, repeated until none is left. Rare and
// whole-database, so the label is a parameter (a scan, no index).
MATCH (n)
WHERE $label IN labels(n)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
