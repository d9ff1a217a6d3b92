// Empties the database inside the restore's one transaction, so nothing is gone until
// the new content commits with it. Kept: the graph version node (the version keeps
// moving forward), the token revocations (a restore never brings a revoked token back:
// the backup's revocations are merged into them), the undo snapshots, and the live
// request-rate windows, sign-in failure counts and analysis slots (a restore must not reset a
// brute-force backoff or a running analysis; none is in a backup). Gone with the rest: the change log (the
// restore's own entry forces a full projection build), pending one-time sign-in codes
// (issued for users as they were), and a stale import journal cannot be here (a
// restore is refused while one exists).
MATCH (n)
WHERE NOT (n:GraphMeta OR n:RevokedToken OR n:TokenRevocation OR n:ImportSnapshot OR n:ImportSnapshotChunk
  OR n:RateWindow OR n:SignInFailure OR n:AnalysisSlots)
DETACH DELETE n
