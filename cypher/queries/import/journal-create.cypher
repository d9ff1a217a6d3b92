// The journal of a staged import: who runs it (host and pid, and a heartbeat, so the next
// start can tell a dead import from a live one), its phase, how many rows it writes in all
// (for progress), and its undo snapshot, from which an interrupted import is rolled back.
CREATE (j:ImportJournal {
  id: $id, startedAt: datetime(), actor: $actor, action: $action, source: $source,
  host: $host, pid: $pid, heartbeatAt: timestamp(), phase: 'snapshot', written: 0, total: $total,
  versionBefore: $version, snapshot: $snapshot
})
RETURN j.id AS id
