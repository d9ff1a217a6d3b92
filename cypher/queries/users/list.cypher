// Every user, by name (never the password hash).
MATCH (u:User)
RETURN u.username AS username, u.role AS role, coalesce(u.organizations, []) AS organizations,
       toString(u.createdAt) AS createdAt
ORDER BY u.username
