// Every workflow–function (SUPPORTS) link of the entities $ids, each once.
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r:SUPPORTS]-(:Entity)
WITH DISTINCT r
RETURN startNode(r).id AS workflowId, endNode(r).id AS functionId
ORDER BY workflowId, functionId
