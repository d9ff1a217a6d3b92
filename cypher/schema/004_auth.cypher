// Token revocation: single revoked tokens by jti, and per-user "tokens issued before
// this instant are void" markers (kept when the user is deleted).
CREATE CONSTRAINT smart_revoked_token_jti IF NOT EXISTS FOR (r:RevokedToken) REQUIRE r.jti IS UNIQUE;
CREATE CONSTRAINT smart_token_revocation_user IF NOT EXISTS FOR (r:TokenRevocation) REQUIRE r.username IS UNIQUE;
