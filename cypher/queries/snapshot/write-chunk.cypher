// One chunk of a snapshot written a page at a time: gzip'd JSON lines, base64.
CREATE (:ImportSnapshotChunk {snapshot: $id, index: $index, data: $data})
