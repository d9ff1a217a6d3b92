MATCH (s:Scenario)
RETURN count(s) AS count
