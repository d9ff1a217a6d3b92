// `npm run template -- <file.xlsx|dir>`: the blank SMART template to fill in (DESIGN.md §5):
// a workbook with instructions, dropdowns and example rows, or a folder of CSV files with
// the same headers and examples and a README.txt. Needs no database.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { blankTemplateXlsx, writeBlankTemplateFolder } from '@smart/templates';

export async function templateCommand(path: string | undefined, force: boolean): Promise<number> {
  if (!path) throw new Error('template needs a path: a file ending in .xlsx, or a folder for CSV files');
  const existing = await stat(path).catch(() => undefined);
  if (extname(path).toLowerCase() === '.xlsx') {
    if (existing && !force) throw new Error(`${path} exists already; add --force to overwrite it`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, await blankTemplateXlsx());
    console.log(`Wrote the blank template to ${path}: fill the sheets (the Instructions sheet says how),`);
  } else {
    if (existing && !existing.isDirectory())
      throw new Error(`${path} is a file; give a file ending in .xlsx, or a folder for CSV files`);
    if (existing && !force) throw new Error(`${path} exists already; add --force to write into it`);
    const files = await writeBlankTemplateFolder(path);
    console.log(`Wrote ${files.join(', ')} to ${path}: fill the CSV files (README.txt says how),`);
  }
  console.log(`then check it with: npm run import -- ${path} --dry-run`);
  return 0;
}
