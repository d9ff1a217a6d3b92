// Token revocation: single revoked tokens by jti, and per-user "tokens issued before
// this instant are void" markers (kept when the user is deleted).
CREATE CONSTRAINT smart_revoked_token_jti IF NOT EXISTS FOR (r:RevokedToken) REQUIRE r.jti IS UNIQUE;
CREATE CONSTRAINT smart_token_revocation_user IF NOT EXISTS FOR (r:TokenRevocation) REQUIRE r.username IS UNIQUE;
// One-time sign-in codes: only their SHA-256 is stored; `id` names one for revoking.
CREATE CONSTRAINT smart_sign_in_code_hash IF NOT EXISTS FOR (c:SignInCode) REQUIRE c.codeHash IS UNIQUE;
CREATE CONSTRAINT smart_sign_in_code_id IF NOT EXISTS FOR (c:SignInCode) REQUIRE c.id IS UNIQUE;
