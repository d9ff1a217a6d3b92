// Revokes one token by jti, remembered until the token would have expired anyway
// ($expiresAt, ms since the epoch), and forgets revocations that have outlived theirs.
MERGE (r:RevokedToken {jti: $jti})
ON CREATE SET r.revokedAt = datetime(), r.expiresAt = $expiresAt
WITH r
CALL (r) {
  MATCH (old:RevokedToken) WHERE old.expiresAt < $now AND old <> r
  DELETE old
}
RETURN r.jti AS jti
