// Restores :Submission nodes from a backup (the caller converts typed values back).
UNWIND $rows AS row
CREATE (n:Submission)
SET n = row
RETURN count(n) AS written
