// A new user; the uniqueness constraint on username refuses a duplicate.
CREATE (u:User {username: $username, role: $role, passwordHash: $passwordHash, createdAt: datetime()})
RETURN u.username AS username, u.role AS role, toString(u.createdAt) AS createdAt
