// The revocations in force before a restore (it keeps them): revoked token ids and
// the users with a validAfter instant.
CALL () { MATCH (r:RevokedToken) RETURN collect(r.jti) AS jtis }
CALL () { MATCH (r:TokenRevocation) RETURN collect(r.username) AS usernames }
RETURN jtis, usernames
