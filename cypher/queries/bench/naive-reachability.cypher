// The benchmark's baseline (tools/bench): what an analyst would write in Cypher to
// ask "what breaks if $id fails" — everything that depends on it, directly or through
// a chain of dependencies or services. It ignores alternatives (groups), tolerances
// and time, so it over-reports; the product never runs it.
MATCH (s {id: $id})<-[:DEPENDS_ON|PROVIDED_BY*]-(x)
RETURN DISTINCT x
