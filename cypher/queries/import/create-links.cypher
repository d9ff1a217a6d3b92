// Ownership links of entities created by this import (they have no old link to drop):
// a service's supplier, an asset's or a workflow's organization.
UNWIND $rows AS row
MATCH (child:Entity {id: row.id}), (owner:Entity {id: row.owner})
FOREACH (_ IN CASE WHEN child:Service THEN [1] ELSE [] END | CREATE (child)-[:PROVIDED_BY]->(owner))
FOREACH (_ IN CASE WHEN child:Asset THEN [1] ELSE [] END | CREATE (owner)-[:OWNS]->(child))
FOREACH (_ IN CASE WHEN child:Workflow THEN [1] ELSE [] END | CREATE (owner)-[:PERFORMS]->(child))
