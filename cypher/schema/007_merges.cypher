// Merged entities (issue 13): a merged-away id is kept as an alias of its survivor, so
// later imports and lookups that use it resolve; ids are unique across aliases too.
// EntityMerge keeps what undoing a merge needs.
CREATE CONSTRAINT smart_entity_alias_id IF NOT EXISTS FOR (x:EntityAlias) REQUIRE x.id IS UNIQUE;
CREATE INDEX smart_entity_alias_survivor IF NOT EXISTS FOR (x:EntityAlias) ON (x.survivorId);
CREATE CONSTRAINT smart_entity_merge_id IF NOT EXISTS FOR (m:EntityMerge) REQUIRE m.id IS UNIQUE;
CREATE INDEX smart_entity_merge_survivor IF NOT EXISTS FOR (m:EntityMerge) ON (m.survivorId);
