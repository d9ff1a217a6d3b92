// Deletes a user; returns the role it had (no row when there was no such user).
MATCH (u:User {username: $username})
WITH u, u.role AS role
DETACH DELETE u
RETURN role
