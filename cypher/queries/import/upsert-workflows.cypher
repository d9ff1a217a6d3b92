// Upsert a batch of Workflow rows by id: properties replaced as a whole, so a value
// removed from the template is removed from the graph. Returns how many were new or changed.
// The submissions that asserted it are kept (they are not a template column).
UNWIND $rows AS row
MERGE (n:Entity:Workflow {id: row.id})
WITH n, row, n.name IS NULL AS created, properties(n) AS before
SET n = row.props, n.submissions = before.submissions
RETURN count(CASE WHEN created THEN 1 END) AS created,
       count(CASE WHEN NOT created AND before <> properties(n) THEN 1 END) AS updated
