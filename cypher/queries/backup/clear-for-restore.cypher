// Empties the database inside the restore's one transaction, so nothing is gone until
// the new content commits with it. Kept: the graph version node (the version keeps
// moving forward) and the token revocations (a restore never brings a revoked token
// back: the backup's revocations are merged into them), and the undo snapshots (the one
// this restore just took among them).
MATCH (n)
WHERE NOT (n:GraphMeta OR n:RevokedToken OR n:TokenRevocation OR n:ImportSnapshot OR n:ImportSnapshotChunk)
DETACH DELETE n
