// The journal of a staged import: who runs it (host and pid, and a heartbeat, so the next
// start can tell a dead import from a live one), its phase, and its undo snapshot, from
// which an interrupted import is rolled back.
CREATE (j:ImportJournal {
  id: $id, startedAt: datetime(), actor: $actor, action: $action, source: $source,
  host: $host, pid: $pid, heartbeatAt: timestamp(), phase: 'snapshot', written: 0,
  versionBefore: $version, snapshot: $snapshot
})
RETURN j.id AS id
