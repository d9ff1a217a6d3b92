CREATE (s:Scenario {
  id: $id, name: $name, failed: $failed, durationHours: $durationHours, model: $model, changes: $changes,
  notes: $notes, author: $author, authorOrganizations: $authorOrganizations, createdAt: datetime()
})
RETURN s.id AS id
