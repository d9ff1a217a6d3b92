// A new user; the uniqueness constraint on username refuses a duplicate. `organizations`
// is the user's scope (issue 19): the ids of the organizations they see in full, empty
// for an unscoped user.
CREATE (u:User {username: $username, role: $role, passwordHash: $passwordHash,
                organizations: $organizations, createdAt: datetime()})
RETURN u.username AS username, u.role AS role, u.organizations AS organizations,
       toString(u.createdAt) AS createdAt
