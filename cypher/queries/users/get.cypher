// One user with the password hash, for password sign-in and checks before a change.
// A user created before scopes existed has no `organizations`: unscoped.
MATCH (u:User {username: $username})
RETURN u.username AS username, u.role AS role, u.passwordHash AS passwordHash,
       coalesce(u.organizations, []) AS organizations, toString(u.createdAt) AS createdAt
