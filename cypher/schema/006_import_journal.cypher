// A staged import (issue 11): at most one ImportJournal at a time, found by id; undo
// snapshot chunks are read one at a time by (snapshot, index).
CREATE CONSTRAINT smart_import_journal_id IF NOT EXISTS FOR (j:ImportJournal) REQUIRE j.id IS UNIQUE;
CREATE INDEX smart_snapshot_chunk IF NOT EXISTS FOR (c:ImportSnapshotChunk) ON (c.snapshot, c.index);
