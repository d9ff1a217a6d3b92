// Failed sign-ins recorded under each key (digests of username and IP, or username):
// their count and the last one's time (ms), for the backoff. Unknown or expired: none.
UNWIND $keys AS key
OPTIONAL MATCH (f:SignInFailure {key: key}) WHERE f.expiresAt >= $now
RETURN key, coalesce(f.failures, 0) AS failures, coalesce(f.lastFailureAt, 0) AS lastFailureAt
