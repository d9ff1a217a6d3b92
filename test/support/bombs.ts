// Real decompression bombs for tests: zip archives whose entries inflate about
// 250× (256 MB from about a megabyte; deflate's ceiling is ~1,000×). The deflate stream is built from
// one compressed chunk repeated (each ends with a full flush, so the pieces are
// independent and byte-aligned), so building one takes milliseconds and never
// holds the inflated text; the CRC is the real one, so only a size limit can stop it.
import zlib from 'node:zlib';
import JSZip from 'jszip';

export interface ZipEntry {
  name: string;
  /** Raw deflate data. */
  data: Buffer;
  crc: number;
  size: number;
}

/** An ordinary entry: `content` deflated. */
export function entry(name: string, content: string | Uint8Array): ZipEntry {
  const bytes = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
  return { name, data: zlib.deflateRawSync(bytes), crc: zlib.crc32(bytes), size: bytes.length };
}

/** An entry that inflates to `head`, then `unit` repeated to about `inflatedBytes`, then `tail`. */
export function bombEntry(
  name: string,
  parts: { head: string; unit: string; tail: string; inflatedBytes: number },
): ZipEntry {
  const head = Buffer.from(parts.head);
  const chunk = Buffer.from(parts.unit.repeat(Math.max(1, Math.floor((1 << 20) / parts.unit.length))));
  const tail = Buffer.from(parts.tail);
  const times = Math.max(1, Math.floor(parts.inflatedBytes / chunk.length));
  const flushed = (b: Buffer) =>
    zlib.deflateRawSync(b, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const piece = flushed(chunk);
  const data = Buffer.concat([
    flushed(head),
    ...Array.from({ length: times }, () => piece),
    zlib.deflateRawSync(tail, { level: 9 }),
  ]);
  let crc = zlib.crc32(head);
  for (let i = 0; i < times; i++) crc = zlib.crc32(chunk, crc);
  crc = zlib.crc32(tail, crc);
  return { name, data, crc, size: head.length + times * chunk.length + tail.length };
}

/** A zip archive of already-deflated entries (sizes below 4 GB: no ZIP64). */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const DEPENDENCY_ROW = `wf-er,svc-ehr,,,,,${'A dependency noted at length. '.repeat(6)}\n`;

/**
 * A .zip of one dependencies.csv that inflates to `inflatedBytes` of valid-looking
 * rows. With `declaredSize`, its directory lies about the inflated size.
 */
export function csvZipBomb(inflatedBytes = 256 << 20, opts: { declaredSize?: number } = {}): Buffer {
  const bomb = bombEntry('dependencies.csv', {
    head: 'from_id,to_id,group,strength,source,confidence,notes\n',
    unit: DEPENDENCY_ROW,
    tail: '',
    inflatedBytes,
  });
  return zip([{ ...bomb, size: opts.declaredSize ?? bomb.size }]);
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
  '<row r="1"><c r="A1" t="inlineStr"><is><t>from_id</t></is></c><c r="B1" t="inlineStr"><is><t>to_id</t></is></c></row>';
// The same row again and again (its number too): a reader sees one row per copy.
const SHEET_ROW =
  '<row r="2"><c r="A2" t="inlineStr"><is><t>wf-er</t></is></c><c r="B2" t="inlineStr"><is><t>svc-ehr</t></is></c></row>';
const SHEET_TAIL = '</sheetData></worksheet>';

/**
 * A real workbook (`workbook`, e.g. from templateToBuffer) with one part replaced:
 * by default the last sheet (dependencies) becomes `inflatedBytes` of rows.
 */
export async function xlsxBomb(
  workbook: Uint8Array,
  opts: { part?: string; replacement?: ZipEntry; inflatedBytes?: number; declaredSize?: number } = {},
): Promise<Buffer> {
  const source = await JSZip.loadAsync(workbook);
  const sheets = Object.keys(source.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  const part =
    opts.part ?? sheets.sort((a, b) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, ''))).at(-1)!;
  const entries: ZipEntry[] = [];
  for (const [name, file] of Object.entries(source.files)) {
    if (file.dir) continue;
    if (name === part) {
      const bomb =
        opts.replacement ??
        bombEntry(name, {
          head: SHEET_HEAD,
          unit: SHEET_ROW,
          tail: SHEET_TAIL,
          inflatedBytes: opts.inflatedBytes ?? 256 << 20,
        });
      entries.push({ ...bomb, size: opts.declaredSize ?? bomb.size });
    } else entries.push(entry(name, await file.async('uint8array')));
  }
  return zip(entries);
}

/** Resident memory of this process, in bytes. */
export const rss = (): number => process.memoryUsage().rss;
