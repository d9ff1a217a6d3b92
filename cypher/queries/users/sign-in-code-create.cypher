// A one-time sign-in code (its SHA-256 only), and the codes that can no longer be
// used ($now past their expiry) forgotten.
CALL () {
  MATCH (old:SignInCode) WHERE old.expiresAt < $now
  DELETE old
}
CREATE (c:SignInCode {
  id: $id, codeHash: $codeHash, username: $username, role: $role,
  createdAt: $now, expiresAt: $expiresAt
})
RETURN c.id AS id
