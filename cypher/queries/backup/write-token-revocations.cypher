// Merges per-user revocations from a backup into those in force: each user keeps the
// later validAfter of the two, so no token voided in either comes back (the caller
// converts typed values back).
UNWIND $rows AS row
MERGE (n:TokenRevocation {username: row.username})
ON CREATE SET n = row
ON MATCH SET n += CASE WHEN row.validAfter > n.validAfter THEN row ELSE {} END
RETURN count(n) AS written
