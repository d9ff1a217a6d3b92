// The journal of the staged import under way (or interrupted), if any.
OPTIONAL MATCH (j:ImportJournal)
RETURN j { .*, startedAt: toString(j.startedAt) } AS journal
