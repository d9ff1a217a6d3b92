// A staged restore's commit: what the one-transaction restore empties (clear-for-restore)
// and the staged one has not emptied a batch at a time (the map and the records its
// snapshot holds): the change log before this commit's own entry ($version), pending
// one-time sign-in codes (issued for users as they were), and any other node. Kept as
// in clear-for-restore, and the journal (the commit removes it) and what was just
// written.
MATCH (n)
WHERE NOT (n:GraphMeta OR n:RevokedToken OR n:TokenRevocation OR n:ImportSnapshot OR n:ImportSnapshotChunk
  OR n:RateWindow OR n:SignInFailure OR n:AnalysisSlots OR n:ImportJournal
  OR n:Entity OR n:User OR n:Scenario OR n:AuditEvent OR n:Incident OR n:Submission OR n:EntityAlias
  OR n:EntityMerge OR (n:Change AND n.version >= $version))
DETACH DELETE n
