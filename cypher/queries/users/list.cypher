// Every user, by name (never the password hash).
MATCH (u:User)
RETURN u.username AS username, u.role AS role, toString(u.createdAt) AS createdAt
ORDER BY u.username
