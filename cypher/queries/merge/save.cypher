// What an undo of this merge needs (JSON): the merged entities, the relationships it
// removed and those it created, the aliases it re-pointed; and the graph version it
// left, so an undo after any other write is refused.
CREATE (m:EntityMerge {
  id: randomUUID(), at: datetime(), actor: $actor, survivorId: $survivor, otherIds: $others,
  version: $version, undo: $undo
})
RETURN m.id AS id
