// Voids every token of a user issued before $validAfter (ms since the epoch); works
// for token subjects that are not stored users too.
MERGE (r:TokenRevocation {username: $username})
SET r.validAfter = $validAfter, r.at = datetime()
RETURN r.validAfter AS validAfter
