// Bounds on what one read may cost, so that a small hostile file (a zip or
// workbook "bomb", a CSV of millions of one-character rows, a file with an error
// on every row) is refused early instead of filling memory. Compressed parts are
// inflated as streams with a running byte count and abandoned the moment a bound
// is passed: nothing is inflated in full before it is measured.

/** What one read of a template may cost. Defaults: DEFAULT_READ_LIMITS; env: readLimitsFromEnv. */
export interface ReadLimits {
  /** Inflated bytes of one entry of a .zip or .xlsx. */
  maxEntryBytes: number;
  /** Inflated bytes of all entries of one .zip or .xlsx together (absolute). */
  maxInflatedBytes: number;
  /**
   * Inflated bytes per byte of the archive: all entries together may inflate to at
   * most this many times the file's size (but always to MIN_INFLATE_ALLOWANCE).
   */
  maxInflateRatio: number;
  /** Inflated bytes of a workbook's shared strings, the one part the XLSX reader holds whole. */
  maxSharedStringsBytes: number;
  /** Entries of a .zip or .xlsx (counted from its directory before anything is read). */
  maxEntries: number;
  /** Data rows of one table (file or sheet). */
  maxRowsPerTable: number;
  /** Problems listed, errors before warnings; the rest are only counted. */
  maxProblems: number;
}

const MB = 1024 * 1024;

/**
 * Inflating this much is always allowed, whatever the ratio: a tiny template's zip
 * can compress better than the ratio, and a megabyte costs nothing.
 */
export const MIN_INFLATE_ALLOWANCE = 1 * MB;

/**
 * Sized for the CLI, which reads files the operator has on disk: a size-L template
 * (5M dependencies, ~240 MB of CSV) fits. The API uses UPLOAD_READ_LIMITS.
 */
export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxEntryBytes: 512 * MB,
  maxInflatedBytes: 1024 * MB,
  // Real templates compress 7–10× (size M: zip 10×, xlsx 7.5×); a bomb, ~1,000×.
  maxInflateRatio: 20,
  maxSharedStringsBytes: 64 * MB,
  maxEntries: 1_000,
  maxRowsPerTable: 10_000_000,
  maxProblems: 1_000,
};

/** For uploads through the API (one process serves everyone): a size-M template fits. */
export const UPLOAD_READ_LIMITS: ReadLimits = { ...DEFAULT_READ_LIMITS, maxRowsPerTable: 1_000_000 };

/** The environment variable of each limit that may be changed (sizes in MB). */
export const READ_LIMIT_ENV: Partial<Record<keyof ReadLimits, { name: string; unit: number }>> = {
  maxEntryBytes: { name: 'SMART_IMPORT_MAX_ENTRY_MB', unit: MB },
  maxInflatedBytes: { name: 'SMART_IMPORT_MAX_INFLATED_MB', unit: MB },
  maxInflateRatio: { name: 'SMART_IMPORT_MAX_INFLATE_RATIO', unit: 1 },
  maxSharedStringsBytes: { name: 'SMART_IMPORT_MAX_SHARED_STRINGS_MB', unit: MB },
  maxRowsPerTable: { name: 'SMART_IMPORT_MAX_ROWS_PER_TABLE', unit: 1 },
  maxProblems: { name: 'SMART_IMPORT_MAX_PROBLEMS', unit: 1 },
};

/** `defaults` with the limits set in the environment; a value that is not a positive number is an error. */
export function readLimitsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  defaults: ReadLimits = DEFAULT_READ_LIMITS,
): ReadLimits {
  const limits = { ...defaults };
  for (const [key, spec] of Object.entries(READ_LIMIT_ENV) as [
    keyof ReadLimits,
    { name: string; unit: number },
  ][]) {
    const raw = env[spec.name];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0)
      throw new Error(`${spec.name} must be a positive number, not '${raw}'`);
    limits[key] = Math.floor(n * spec.unit);
  }
  return limits;
}

export const formatSize = (n: number): string =>
  n >= MB ? `${Math.round((n / MB) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`;

/**
 * A read refused because the input passed one of the ReadLimits. Unlike a Problem
 * it ends the read: nothing of the input is kept.
 */
export class TemplateLimitError extends Error {
  constructor(
    /** The file, zip entry or sheet part that passed the limit. */
    readonly file: string,
    /**
     * The ReadLimits key that was passed; 'xmlText' for an over-long XML text,
     * 'declaredSize' for an entry inflating past the size its archive declares.
     */
    readonly limit: keyof ReadLimits | 'xmlText' | 'declaredSize',
    /** What is wrong, without the file. */
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'TemplateLimitError';
  }
}

/** The inflated bytes one archive may still produce; shared by all its entries. */
export class InflateBudget {
  private total = 0;
  readonly maxTotal: number;
  /** The first limit passed, kept because a stream library may replace the error on its way out. */
  exceeded: TemplateLimitError | undefined;
  /** The first other failure of a `quiet` stream (a damaged entry). */
  failure: Error | undefined;

  constructor(
    readonly archive: string,
    archiveBytes: number,
    readonly limits: ReadLimits,
  ) {
    this.maxTotal = Math.min(
      limits.maxInflatedBytes,
      Math.max(MIN_INFLATE_ALLOWANCE, limits.maxInflateRatio * archiveBytes),
    );
  }

  private limitOf(entry: string): [number, keyof ReadLimits, string] {
    return entry === 'xl/sharedStrings.xml' && this.limits.maxSharedStringsBytes < this.limits.maxEntryBytes
      ? [this.limits.maxSharedStringsBytes, 'maxSharedStringsBytes', 'the shared strings of a workbook']
      : [this.limits.maxEntryBytes, 'maxEntryBytes', 'one entry'];
  }

  /** Fails when one entry has passed its limit or its declared size (`declaredOnly`: judging the directory). */
  check(entry: string, bytes: number, sizeDeclared: number | undefined, declaredOnly = false): void {
    const [max, limit, what] = this.limitOf(entry);
    const verb = declaredOnly ? 'declares an inflated size of more than' : 'inflates to more than';
    if (bytes > max) {
      this.fail(
        new TemplateLimitError(
          `${this.archive}: ${entry}`,
          limit,
          `${verb} ${formatSize(max)}, the limit for ${what}; nothing was read (a zip bomb?)`,
        ),
      );
    }
    if (!declaredOnly && sizeDeclared !== undefined && bytes > sizeDeclared) {
      this.fail(
        new TemplateLimitError(
          `${this.archive}: ${entry}`,
          'declaredSize',
          `inflates to more than the ${sizeDeclared.toLocaleString('en')} bytes the archive declares for it; nothing was read (a corrupt archive or a zip bomb)`,
        ),
      );
    }
  }

  /** Fails when all entries together have passed the archive's limit. */
  checkTotal(entry: string, total: number, declaredOnly = true): void {
    if (total <= this.maxTotal) return;
    const byRatio = this.maxTotal < this.limits.maxInflatedBytes;
    const verb = declaredOnly ? 'declares an inflated size of more than' : 'inflates to more than';
    this.fail(
      new TemplateLimitError(
        `${this.archive}: ${entry}`,
        byRatio ? 'maxInflateRatio' : 'maxInflatedBytes',
        `the archive ${verb} ${formatSize(this.maxTotal)} (${
          byRatio ? `${this.limits.maxInflateRatio}× its own size` : 'the limit for all entries together'
        }); nothing was read (a zip bomb?)`,
      ),
    );
  }

  /** Records the first limit passed and throws it. */
  private fail(error: TemplateLimitError): never {
    this.exceeded ??= error;
    throw error;
  }

  /**
   * Yields the inflated chunks of one entry, counting them; fails as soon as the
   * entry passes its limit or its declared size, or the archive its limit. With
   * `xml`, also refuses a run of more than MAX_XML_TEXT_BYTES without a '<': a text
   * node or attribute that large would be buffered whole by the XML parser (Excel's
   * cells hold at most 32,767 characters).
   *
   * With `quiet`, a failure ends the stream (and every later one at once) instead
   * of failing it: some stream libraries never settle when a source fails; the
   * caller checks `exceeded` and `failure` when the read ends.
   */
  async *count(
    source: AsyncIterable<Uint8Array>,
    entry: string,
    opts: { xml?: boolean; quiet?: boolean; declared?: number } = {},
  ): AsyncGenerator<Uint8Array> {
    if (this.exceeded || this.failure) {
      if (opts.quiet) return;
      throw this.exceeded ?? this.failure;
    }
    const { declared } = opts;
    let bytes = 0;
    let textRun = 0;
    try {
      for await (const chunk of source) {
        bytes += chunk.length;
        this.total += chunk.length;
        this.check(entry, bytes, declared);
        this.checkTotal(entry, this.total, false);
        if (opts.xml) {
          textRun = xmlTextRun(chunk, textRun);
          if (textRun > MAX_XML_TEXT_BYTES) {
            this.fail(
              new TemplateLimitError(
                `${this.archive}: ${entry}`,
                'xmlText',
                `holds a text or attribute longer than ${formatSize(MAX_XML_TEXT_BYTES)} (a cell holds at most 32,767 characters); nothing was read`,
              ),
            );
          }
        }
        yield chunk;
      }
    } catch (error) {
      if (!opts.quiet) throw error;
      if (error !== this.exceeded) this.failure ??= error as Error;
    }
  }
}

/**
 * The longest run of bytes without a '<' that ends or passes through `chunk`,
 * given the run `before` it; the run at the chunk's end is returned unless a
 * longer one inside the chunk already passes the limit.
 */
function xmlTextRun(chunk: Uint8Array, before: number): number {
  let at = chunk.indexOf(0x3c);
  if (at === -1) return before + chunk.length;
  if (before + at > MAX_XML_TEXT_BYTES) return before + at;
  // Runs inside the chunk matter only when the chunk could hold one that is too long.
  if (chunk.length > MAX_XML_TEXT_BYTES) {
    for (let next = chunk.indexOf(0x3c, at + 1); next !== -1; next = chunk.indexOf(0x3c, next + 1)) {
      if (next - at - 1 > MAX_XML_TEXT_BYTES) return next - at - 1;
      at = next;
    }
  }
  return chunk.length - 1 - chunk.lastIndexOf(0x3c);
}

/** The longest run of XML bytes without a '<' (32,767 characters, each up to 8 bytes as an entity, with room). */
export const MAX_XML_TEXT_BYTES = 1 * MB;
