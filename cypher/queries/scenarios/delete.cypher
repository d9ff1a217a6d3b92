MATCH (s:Scenario {id: $id})
DELETE s
RETURN count(*) AS removed
