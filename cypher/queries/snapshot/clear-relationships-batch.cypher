// Rolling an interrupted import back, first step: the relationships between entities go a
// batch at a time (each batch its own transaction; repeated until none is left), so that
// deleting a hub entity never holds all its relationships in one transaction.
MATCH (:Entity)-[r]->(:Entity)
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS deleted
