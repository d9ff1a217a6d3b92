// Redeems a one-time sign-in code. Setting _lock first takes the node's write lock, so
// of two concurrent redemptions the second waits and then reads usedAt as set by the
// first (Neo4j's documented read-then-write pattern): a code is used at most once.
// A code is also void when its user's tokens were revoked after it was issued.
MATCH (c:SignInCode {codeHash: $codeHash})
SET c._lock = true
WITH c
OPTIONAL MATCH (r:TokenRevocation {username: c.username})
WITH c,
     CASE
       WHEN c.revokedAt IS NOT NULL OR (r IS NOT NULL AND r.validAfter > c.createdAt) THEN 'revoked'
       WHEN c.usedAt IS NOT NULL THEN 'used'
       WHEN c.expiresAt < $now THEN 'expired'
       ELSE 'ok'
     END AS outcome
SET c.usedAt = CASE WHEN outcome = 'ok' THEN $now ELSE c.usedAt END
REMOVE c._lock
RETURN c.id AS id, c.username AS username, c.role AS role, outcome
