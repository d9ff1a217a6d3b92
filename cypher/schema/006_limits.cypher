// Abuse limits shared by every API replica (DESIGN §7): request counts per client and
// fixed window, and failed sign-ins per (username, IP) and per username. Keys are
// SHA-256 digests (no usernames or addresses stored); both expire, pruned by expiresAt.
CREATE CONSTRAINT smart_rate_window_id IF NOT EXISTS FOR (w:RateWindow) REQUIRE w.id IS UNIQUE;
CREATE INDEX smart_rate_window_expiry IF NOT EXISTS FOR (w:RateWindow) ON (w.expiresAt);
CREATE CONSTRAINT smart_sign_in_failure_key IF NOT EXISTS FOR (f:SignInFailure) REQUIRE f.key IS UNIQUE;
CREATE INDEX smart_sign_in_failure_expiry IF NOT EXISTS FOR (f:SignInFailure) ON (f.expiresAt);
