// The revocations in force before a restore (it keeps them): revoked token ids, and
// each user with a validAfter instant (ms since the epoch).
CALL () { MATCH (r:RevokedToken) RETURN collect(r.jti) AS jtis }
CALL () {
  MATCH (r:TokenRevocation)
  RETURN collect({ username: r.username, validAfter: r.validAfter }) AS users
}
RETURN jtis, users
