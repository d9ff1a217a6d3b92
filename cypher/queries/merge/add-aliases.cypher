// The merged entities' ids become aliases of the survivor, and aliases that pointed at
// one of them now point at the survivor (returned with their previous target, for the
// undo).
CALL () {
  MATCH (x:EntityAlias) WHERE x.survivorId IN $others
  WITH x, x.survivorId AS before
  SET x.survivorId = $survivor
  RETURN collect({ id: x.id, survivorId: before }) AS repointed
}
UNWIND $aliases AS a
MERGE (x:EntityAlias {id: a.id})
SET x.survivorId = $survivor, x.kind = a.kind, x.name = a.name, x.mergedAt = datetime()
RETURN repointed, count(x) AS added
