// The last statement of a staged import's commit (or of its rollback): the journal goes.
MATCH (j:ImportJournal {id: $id})
DELETE j
