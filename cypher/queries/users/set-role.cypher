// Changes a user's role; returns the role before and after (no row when there is no such user).
MATCH (u:User {username: $username})
WITH u, u.role AS before
SET u.role = $role
RETURN before, u.username AS username, u.role AS role, coalesce(u.organizations, []) AS organizations,
       toString(u.createdAt) AS createdAt
