// Replaces a user's password hash (no row when there is no such user).
MATCH (u:User {username: $username})
SET u.passwordHash = $passwordHash, u.passwordChangedAt = datetime()
RETURN u.username AS username
