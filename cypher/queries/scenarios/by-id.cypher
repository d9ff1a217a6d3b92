MATCH (s:Scenario {id: $id})
RETURN s.id AS id, s.name AS name, s.failed AS failed, s.durationHours AS durationHours, s.model AS model, s.changes AS changes,
       s.notes AS notes, s.author AS author, coalesce(s.authorOrganizations, []) AS authorOrganizations, toString(s.createdAt) AS createdAt
