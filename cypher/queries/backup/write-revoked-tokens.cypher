// Merges revoked tokens from a backup into those in force: a token revoked in either
// stays revoked, remembered until the later of the two expiries (the caller converts
// typed values back).
UNWIND $rows AS row
MERGE (n:RevokedToken {jti: row.jti})
ON CREATE SET n = row
ON MATCH SET n.expiresAt = CASE WHEN row.expiresAt > n.expiresAt THEN row.expiresAt ELSE n.expiresAt END
RETURN count(n) AS written
