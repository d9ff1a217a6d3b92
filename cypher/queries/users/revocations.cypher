// Everything the API checks tokens against: revoked jtis still unexpired, and the
// per-user validAfter instants. Small by construction; the API caches it for a second.
CALL () { MATCH (r:RevokedToken) WHERE r.expiresAt >= $now RETURN collect(r.jti) AS jtis }
CALL () {
  MATCH (r:TokenRevocation)
  RETURN collect({ username: r.username, validAfter: r.validAfter }) AS users
}
RETURN jtis, users
