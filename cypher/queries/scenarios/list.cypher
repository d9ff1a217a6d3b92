// $orgs: a scoped reader's organizations (issue 19): only scenarios whose author was
// scoped within them; null: every scenario.
MATCH (s:Scenario)
WHERE $orgs IS NULL
   OR (size(coalesce(s.authorOrganizations, [])) > 0 AND all(o IN s.authorOrganizations WHERE o IN $orgs))
RETURN s.id AS id, s.name AS name, s.failed AS failed, s.durationHours AS durationHours, s.model AS model, s.changes AS changes,
       s.notes AS notes, s.author AS author, coalesce(s.authorOrganizations, []) AS authorOrganizations, toString(s.createdAt) AS createdAt
ORDER BY s.createdAt DESC
LIMIT $limit
