// The analyses each of $users (digested) runs on the other replicas, by their unexpired
// leases.
UNWIND $users AS u
OPTIONAL MATCH (s:AnalysisSlots {user: u})
WHERE s.replica <> $replica AND s.expiresAt >= $now
RETURN u AS user, coalesce(sum(s.running), 0) AS running
