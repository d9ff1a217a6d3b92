// Each API replica's running analyses per user (DESIGN §7 "Replicas"), so the per-user
// limit holds across replicas: one node per (replica, user), keyed by a digest (no
// usernames stored), refreshed while the replica lives and pruned once expired.
CREATE CONSTRAINT smart_analysis_slots_id IF NOT EXISTS FOR (s:AnalysisSlots) REQUIRE s.id IS UNIQUE;
CREATE INDEX smart_analysis_slots_user IF NOT EXISTS FOR (s:AnalysisSlots) ON (s.user);
