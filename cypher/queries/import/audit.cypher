// One audit event per mutation or import, written in the same transaction.
CREATE (e:AuditEvent {
  id: randomUUID(), at: datetime(), actor: $actor, action: $action,
  target: $target, details: $details
})
RETURN e.id AS id
