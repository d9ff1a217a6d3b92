// The first statement of every write that bumps the graph version: it takes the write
// lock on the graph's version before the write reads anything, so writers change the map
// one after the other in the order of their versions, and the change log replays their
// effects in the order they happened (a remove that read "no edge" before a concurrent
// add committed would otherwise be logged after that add). Setting a property is what
// takes Neo4j's exclusive lock; removing it again leaves the node as it was.
MERGE (m:GraphMeta {key: 'graph'})
ON CREATE SET m.version = timestamp() - 1
SET m.writeLock = true
REMOVE m.writeLock
