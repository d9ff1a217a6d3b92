// The change log: one Change per graph version, read by version range when the
// projection replays the writes since the version it holds.
CREATE CONSTRAINT smart_change_version IF NOT EXISTS FOR (c:Change) REQUIRE c.version IS UNIQUE;
