// The import suite's parsing of neo4j-admin's output and its split of an import's time.
import { describe, expect, it } from 'vitest';
import { importPhases, parseAdminDuration } from '../src/suites/import';

describe('neo4j-admin output', () => {
  it("reads neo4j-admin's own duration", () => {
    expect(parseAdminDuration('…\nIMPORT DONE in 3s 206ms. \nImported:')).toBe(3206);
    expect(parseAdminDuration('IMPORT DONE in 1m 2s 5ms.')).toBe(62_005);
    expect(parseAdminDuration('IMPORT DONE in 1h 1ms.')).toBe(3_600_001);
    expect(parseAdminDuration('IMPORT DONE in 950ms.')).toBe(950);
    expect(parseAdminDuration('IMPORT FAILED')).toBeNull();
  });
});

describe('import phases', () => {
  it('splits an import into entities and links, dependencies and the commit', () => {
    // 100 entity/link rows in two batches, then 300 dependency rows in three, then the commit.
    const marks: [number, number][] = [
      [50, 100],
      [100, 200],
      [200, 400],
      [300, 600],
      [400, 800],
    ];
    expect(importPhases(marks, 300, 1000)).toEqual({
      entities_and_links_ms: 200,
      entities_and_links_rows_per_s: 500,
      dependencies_ms: 600,
      dependencies_rows_per_s: 500,
      commit_ms: 200,
    });
    expect(importPhases([], 0, 10)).toEqual({});
  });
});
