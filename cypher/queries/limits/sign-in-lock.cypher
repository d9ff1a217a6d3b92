// A sign-in attempt's failure counts, write-locked until its transaction ends, so two
// attempts at once (on one replica or two) are judged one after the other. A key
// without a live entry reads as no failures.
UNWIND $keys AS key
MERGE (f:SignInFailure {key: key})
ON CREATE SET f.failures = 0, f.lastFailureAt = 0, f.expiresAt = 0
SET f.lockedAt = $now
RETURN key,
       CASE WHEN f.expiresAt >= $now THEN f.failures ELSE 0 END AS failures,
       CASE WHEN f.expiresAt >= $now THEN f.lastFailureAt ELSE 0 END AS lastFailureAt
