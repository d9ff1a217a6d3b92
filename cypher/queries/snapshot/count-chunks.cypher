// How many chunks a snapshot id still has (none once it is discarded).
OPTIONAL MATCH (c:ImportSnapshotChunk {snapshot: $id})
RETURN count(c) AS n
