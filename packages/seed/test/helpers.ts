// Shared helpers for the seed tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Template } from '@smart/domain';
import { type ReadResult, readTemplate, writeTemplate } from '@smart/templates';

/** Drops undefined fields (what a reader returns for blank cells is compared without them). */
export const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/**
 * The template written as a CSV folder by @smart/templates and read back by its reader:
 * the importer's own rules (ids unique across kinds, references, dependency endpoints,
 * enums, ranges, no duplicates) are the ones checked, not a copy of them.
 */
export async function readBack(t: Template): Promise<ReadResult> {
  const dir = await mkdtemp(join(tmpdir(), 'smart-seed-'));
  try {
    await writeTemplate(t, dir, { format: 'csv' });
    return await readTemplate(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
