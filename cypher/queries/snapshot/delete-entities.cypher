// Undo: the map goes, in one transaction with its restoration.
MATCH (n:Entity)
DETACH DELETE n
