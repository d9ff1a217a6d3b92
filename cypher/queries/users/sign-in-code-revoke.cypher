// Revokes a sign-in code by its id (no row when there is no such code).
MATCH (c:SignInCode {id: $id})
SET c.revokedAt = coalesce(c.revokedAt, $now)
RETURN c.username AS username, c.usedAt IS NOT NULL AS used
