// Ownership links of a staged import (DESIGN §5), both ends given by element id (the
// entities were created or read by this import, and no other write runs while its
// journal exists): a service's supplier, an asset's or a workflow's organization. The
// element-id seek replaces the locking unique-index seek a MATCH on id does in a write.
UNWIND $rows AS row
MATCH (child) WHERE elementId(child) = row.child
MATCH (owner) WHERE elementId(owner) = row.owner
FOREACH (_ IN CASE WHEN child:Service THEN [1] ELSE [] END | CREATE (child)-[:PROVIDED_BY]->(owner))
FOREACH (_ IN CASE WHEN child:Asset THEN [1] ELSE [] END | CREATE (owner)-[:OWNS]->(child))
FOREACH (_ IN CASE WHEN child:Workflow THEN [1] ELSE [] END | CREATE (owner)-[:PERFORMS]->(child))
