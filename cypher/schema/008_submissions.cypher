// Submissions (issue 13 item 3): an import recorded with its contributor organization,
// contact, date and note. Entities and DEPENDS_ON edges list the ids of the submissions
// that asserted them in a `submissions` property (DESIGN §2 "Provenance").
CREATE CONSTRAINT smart_submission_id IF NOT EXISTS FOR (s:Submission) REQUIRE s.id IS UNIQUE;
CREATE INDEX smart_submission_date IF NOT EXISTS FOR (s:Submission) ON (s.date);
