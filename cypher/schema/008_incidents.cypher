// Declared incidents (issue 14 item 3): one node each, listed newest start first.
CREATE CONSTRAINT smart_incident_id IF NOT EXISTS FOR (i:Incident) REQUIRE i.id IS UNIQUE;
