// Test helpers: write a folder of CSV files from strings, read it back.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ReadOptions, type ReadResult, readTemplate } from '../src';

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'smart-templates-'));
}

/** Writes `files` (name → content) to a fresh folder, reads it as a template, removes the folder. */
export async function readFiles(
  files: Record<string, string | Uint8Array>,
  opts?: ReadOptions,
): Promise<ReadResult> {
  const dir = await tempDir();
  try {
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    return await readTemplate(dir, opts);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A small valid template as CSV text, to start each rule's test from. */
export const VALID: Record<string, string> = {
  'organizations.csv': 'id,name,subsector\nh1,General Hospital,DIRECT_PATIENT_CARE\n',
  'suppliers.csv': 'id,name\ns1,Change\n',
  'services.csv': 'id,name,supplier_id,type\nsv1,Claims API,s1,SOFTWARE\n',
  'assets.csv': 'id,name,organization_id\na1,EHR,h1\n',
  'workflows.csv': 'id,name,organization_id,category\nw1,Claims,h1,ADMINISTRATIVE\n',
  'critical_functions.csv': 'id,name\ncf1,Process claims\n',
  'workflow_functions.csv': 'workflow_id,function_id\nw1,cf1\n',
  'dependencies.csv': 'from_id,to_id\nw1,sv1\n',
};

/** VALID with some files replaced. */
export const withFiles = (files: Record<string, string | Uint8Array>) => ({ ...VALID, ...files });

/** Just the errors, without the severity field, for exact comparisons. */
export const errors = (r: ReadResult) =>
  r.problems.filter((p) => p.severity === 'error').map(({ severity: _, ...p }) => p);
