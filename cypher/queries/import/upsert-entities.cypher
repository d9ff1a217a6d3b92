// Upsert a batch of rows of one kind ($label: Organization, Supplier, Service, Asset,
// Workflow or CriticalFunction) by id: properties replaced as a whole, so a value removed
// from the template is removed from the graph. Returns how many were new or changed.
// The submissions that asserted it are kept (they are not a template column).
// One file for the six kinds: the dynamic label keeps the unique seek on Entity(id)
// (then a Filter on the label), measured by store/test/import.int.test.ts "write plans"
// and DESIGN §8.
UNWIND $rows AS row
MERGE (n:Entity:$($label) {id: row.id})
WITH n, row, n.name IS NULL AS created, properties(n) AS before
SET n = row.props, n.submissions = before.submissions
RETURN count(CASE WHEN created THEN 1 END) AS created,
       count(CASE WHEN NOT created AND before <> properties(n) THEN 1 END) AS updated
