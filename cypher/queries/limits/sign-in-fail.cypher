// One more failed sign-in under each key: the count goes on while the last failure is
// recent ($entries: [{key, forgetMs}]: younger than forgetMs), else starts over at 1.
// Entries expire forgetMs after their last failure; expired ones are deleted here.
CALL () {
  MATCH (old:SignInFailure) WHERE old.expiresAt < $now
  WITH old LIMIT 1000
  DELETE old
}
UNWIND $entries AS e
MERGE (f:SignInFailure {key: e.key})
SET f.failures = CASE WHEN f.lastFailureAt IS NOT NULL AND $now - f.lastFailureAt < e.forgetMs
                      THEN f.failures + 1 ELSE 1 END,
    f.lastFailureAt = $now,
    f.expiresAt = $now + e.forgetMs
RETURN f.key AS key, f.failures AS failures
