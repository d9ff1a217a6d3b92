// Reading a zip archive (a .zip of CSV files, or an .xlsx workbook) held in
// memory: its central directory is parsed here, and each entry is inflated as a
// stream with node:zlib on demand. Not with a zip library, so that the archive can
// be judged by its directory before anything is parsed, and so that abandoning a
// bomb part-way really stops the inflation (destroying the zlib stream) instead
// of leaving a library's worker running into its own size checks.
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { InflateBudget, type ReadLimits, TemplateLimitError } from './limits';

export interface ArchiveEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else cannot be read. */
  method: number;
  compressedSize: number;
  /** The inflated size the directory declares. */
  size: number;
  /** Offset of the entry's local header. */
  offset: number;
}

/** A zip's directory: entries in directory order (folders left out), and the count the end record states. */
export interface ArchiveDirectory {
  count: number;
  entries: ArchiveEntry[];
}

const utf8Name = new TextDecoder('utf-8');
const END = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Parses the central directory; undefined when there is none that can be read
 * (not a zip, or a damaged one). A count of 0xFFFF (ZIP64) is returned without
 * entries: that is more than any template has.
 */
export function readDirectory(data: Uint8Array): ArchiveDirectory | undefined {
  if (data.length < 22) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let end = -1;
  // The end record is 22 bytes plus a comment of at most 65,535.
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === END) {
      end = i;
      break;
    }
  }
  if (end === -1) return undefined;
  const count = view.getUint16(end + 10, true);
  if (count === 0xffff) return { count, entries: [] };
  const entries: ArchiveEntry[] = [];
  let at = view.getUint32(end + 16, true);
  for (let n = 0; n < count; n++) {
    if (at + 46 > data.length || view.getUint32(at, true) !== CENTRAL) return undefined;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = utf8Name.decode(data.subarray(at + 46, at + 46 + nameLength));
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    let offset = view.getUint32(at + 42, true);
    // ZIP64 extended information (id 1): the fields set to 0xFFFFFFFF, in this order.
    if (size === 0xffffffff || compressedSize === 0xffffffff || offset === 0xffffffff) {
      const x0 = at + 46 + nameLength;
      for (let x = x0; x + 4 <= Math.min(x0 + extraLength, data.length); ) {
        const id = view.getUint16(x, true);
        const length = view.getUint16(x + 2, true);
        if (id === 1) {
          let f = x + 4;
          const next = () => {
            const v = f + 8 <= x + 4 + length ? Number(view.getBigUint64(f, true)) : Number.POSITIVE_INFINITY;
            f += 8;
            return v;
          };
          if (size === 0xffffffff) size = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (offset === 0xffffffff) offset = next();
          break;
        }
        x += 4 + length;
      }
    }
    if (!name.endsWith('/')) {
      entries.push({ name, method: view.getUint16(at + 10, true), compressedSize, size, offset });
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { count, entries };
}

/** An entry's data could not be inflated (damaged archive, unknown compression). */
export class DamagedEntryError extends Error {}

/** The entry's bytes, inflated as they are read (pull-driven: nothing runs ahead of the reader). */
async function* inflate(data: Uint8Array, entry: ArchiveEntry): AsyncGenerator<Uint8Array> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const { offset } = entry;
  if (offset + 30 > data.length || view.getUint32(offset, true) !== LOCAL) {
    throw new DamagedEntryError('its local header is missing');
  }
  const start = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
  const end = start + entry.compressedSize;
  if (end > data.length) throw new DamagedEntryError('its data runs past the end of the archive');
  const slices = function* (size = 1 << 16) {
    for (let i = start; i < end; i += size) yield data.subarray(i, Math.min(i + size, end));
  };
  if (entry.method === 0) {
    yield* slices();
    return;
  }
  if (entry.method !== 8)
    throw new DamagedEntryError(`it uses compression method ${entry.method}; only deflate is read`);
  const inflater = zlib.createInflateRaw();
  Readable.from(slices(), { objectMode: false }).pipe(inflater);
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } catch (error) {
    throw new DamagedEntryError(`it cannot be inflated: ${(error as Error).message}`);
  } finally {
    inflater.destroy(); // stops inflating at once when the reader gives up early
  }
}

/** An archive judged by its directory and ready to inflate entries against one budget. */
export interface Archive {
  entries: ArchiveEntry[];
  budget: InflateBudget;
  /** The entry's inflated bytes, counted against the budget (see InflateBudget.count). */
  open(entry: ArchiveEntry, opts?: { xml?: boolean; quiet?: boolean }): AsyncGenerator<Uint8Array>;
  /** Ends every stream opened and not yet finished (their inflaters are destroyed). */
  close(): void;
  /**
   * Inflates every entry once, counting and keeping nothing, and fails as soon as one
   * passes its declared size or its limit: a directory that lies is found at inflate
   * speed (tens of milliseconds for 20 MB) instead of after parsing up to the limit,
   * in the memory of one chunk. Damaged entries are left for the read to report.
   */
  verify(): Promise<void>;
}

/**
 * Reads the directory and checks it against the limits before anything is
 * inflated: too many entries, one entry or all of them declaring more than
 * allowed (a TemplateLimitError). undefined when it is not a readable zip. A
 * directory can lie; each entry is held to its declared size while it inflates.
 */
export function openArchive(data: Uint8Array, fileName: string, limits: ReadLimits): Archive | undefined {
  const directory = readDirectory(data);
  if (!directory) return undefined;
  const { count, entries } = directory;
  if (count > limits.maxEntries) {
    throw new TemplateLimitError(
      fileName,
      'maxEntries',
      `holds ${count === 0xffff ? 'too many' : count.toLocaleString('en')} entries; at most ${limits.maxEntries.toLocaleString('en')} are read (a template has 8 tables)`,
    );
  }
  const budget = new InflateBudget(fileName, data.length, limits);
  let total = 0;
  for (const entry of entries) {
    budget.check(entry.name, entry.size, undefined, true);
    total += entry.size;
    budget.checkTotal(entry.name, total);
  }
  const opened: AsyncGenerator<Uint8Array>[] = [];
  return {
    entries,
    budget,
    open: (entry, opts) => {
      const stream = budget.count(inflate(data, entry), entry.name, { ...opts, declared: entry.size });
      opened.push(stream);
      return stream;
    },
    close: () => {
      for (const stream of opened) stream.return(undefined).catch(() => {});
    },
    verify: async () => {
      for (const entry of entries) {
        let bytes = 0;
        try {
          for await (const chunk of inflate(data, entry)) {
            bytes += chunk.length;
            budget.check(entry.name, bytes, entry.size);
          }
        } catch (error) {
          if (!(error instanceof DamagedEntryError)) throw error;
        }
      }
    },
  };
}
