// Which tables an input held (ReadResult.tables), as a replace needs to know: a
// header-only file or an empty sheet is present (empty on purpose), a missing one is not.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyTemplate } from '@smart/domain';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readTemplate, readTemplateBuffer, rowLocation, templateToBuffer } from '../src';

describe('present tables', () => {
  it('a single header-only CSV is one present, empty table', async () => {
    const r = await readTemplateBuffer('critical_functions.csv', new TextEncoder().encode('id,name\n'));
    expect(r.tables).toEqual({ criticalFunctions: 'critical_functions.csv' });
    expect(r.template.criticalFunctions).toEqual([]);
  });

  it('a folder lists the files it holds, header-only ones included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'present-'));
    await writeFile(join(dir, 'suppliers.csv'), 'id,name\n\nsup-1,One\n');
    await writeFile(join(dir, 'dependencies.csv'), 'from_id,to_id\n');
    const r = await readTemplate(dir, { existing: new Map() });
    expect(r.tables).toEqual({ suppliers: 'suppliers.csv', dependencies: 'dependencies.csv' });
    // Rows are located on their spreadsheet line (a blank line in between).
    expect(rowLocation(r, 'suppliers', 0)).toEqual({ file: 'suppliers.csv', line: 3 });
  });

  it('an exported workbook and zip hold all eight tables, even empty', async () => {
    for (const format of ['xlsx', 'zip'] as const) {
      const r = await readTemplateBuffer(`t.${format}`, await templateToBuffer(emptyTemplate(), format));
      expect(Object.keys(r.tables)).toHaveLength(8);
    }
  });

  it('a zip without some files lacks those tables', async () => {
    const zip = new JSZip();
    zip.file('organizations.csv', 'id,name,subsector\n');
    const r = await readTemplateBuffer('t.zip', await zip.generateAsync({ type: 'uint8array' }));
    expect(Object.keys(r.tables)).toEqual(['organizations']);
  });
});
