// One user with the password hash, for password sign-in and checks before a change.
MATCH (u:User {username: $username})
RETURN u.username AS username, u.role AS role, u.passwordHash AS passwordHash,
       toString(u.createdAt) AS createdAt
