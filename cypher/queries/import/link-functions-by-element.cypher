// A staged import's workflow → critical function links, both ends given by element id
// (created or read by this import; no other write runs while its journal exists).
UNWIND $rows AS row
MATCH (w) WHERE elementId(w) = row.w
MATCH (f) WHERE elementId(f) = row.f
MERGE (w)-[:SUPPORTS]->(f)
