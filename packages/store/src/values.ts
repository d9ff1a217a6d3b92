// Neo4j property values as JSON, for backups and undo snapshots: plain JSON values
// as they are, integers and temporal values tagged with their type so that a restore
// writes back exactly the type it read.
import neo4j from 'neo4j-driver';

/** A property value as JSON: plain JSON values, or a tagged integer / temporal value. */
export type EncodedValue =
  | string
  | number
  | boolean
  | null
  | EncodedValue[]
  | { $type: 'Integer'; value: string }
  | {
      $type: 'DateTime' | 'Date' | 'LocalDateTime' | 'LocalTime' | 'Time' | 'Duration';
      value: Record<string, unknown>;
    };

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const TEMPORAL_FIELDS: Record<string, string[]> = {
  DateTime: [
    'year',
    'month',
    'day',
    'hour',
    'minute',
    'second',
    'nanosecond',
    'timeZoneOffsetSeconds',
    'timeZoneId',
  ],
  LocalDateTime: ['year', 'month', 'day', 'hour', 'minute', 'second', 'nanosecond'],
  Date: ['year', 'month', 'day'],
  LocalTime: ['hour', 'minute', 'second', 'nanosecond'],
  Time: ['hour', 'minute', 'second', 'nanosecond', 'timeZoneOffsetSeconds'],
  Duration: ['months', 'days', 'seconds', 'nanoseconds'],
};

function temporalKind(v: unknown): keyof typeof TEMPORAL_FIELDS | undefined {
  if (neo4j.isDateTime(v as never)) return 'DateTime';
  if (neo4j.isLocalDateTime(v as never)) return 'LocalDateTime';
  if (neo4j.isDate(v as never)) return 'Date';
  if (neo4j.isLocalTime(v as never)) return 'LocalTime';
  if (neo4j.isTime(v as never)) return 'Time';
  if (neo4j.isDuration(v as never)) return 'Duration';
  return undefined;
}

/** Encodes one property; `type` is Cypher's valueType() of it. */
export function encodeValue(value: unknown, type: string, where: string): EncodedValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    const inner = /^LIST<(.*)>/.exec(type)?.[1] ?? 'ANY';
    return value.map((v, i) => encodeValue(v, inner, `${where}[${i}]`));
  }
  if (type.startsWith('INTEGER')) return { $type: 'Integer', value: String(value) };
  const kind = temporalKind(value);
  if (kind) {
    const fields: Record<string, unknown> = {};
    for (const f of TEMPORAL_FIELDS[kind]!) {
      const x = (value as unknown as Record<string, unknown>)[f];
      fields[f] = x === undefined || x === null ? null : typeof x === 'object' ? String(x) : x;
    }
    return { $type: kind as 'DateTime', value: fields };
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  throw new BackupError(`cannot back up ${where}: unsupported property type ${type}`);
}

const int = (x: unknown) => neo4j.int(String(x ?? 0));

export function decodeValue(v: EncodedValue): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decodeValue);
  if (v.$type === 'Integer') return neo4j.int(v.value);
  const f = v.value as Record<string, unknown>;
  switch (v.$type) {
    case 'DateTime':
      return new neo4j.types.DateTime(
        int(f.year),
        int(f.month),
        int(f.day),
        int(f.hour),
        int(f.minute),
        int(f.second),
        int(f.nanosecond),
        f.timeZoneOffsetSeconds === null ? undefined : int(f.timeZoneOffsetSeconds),
        (f.timeZoneId as string | null) ?? undefined,
      );
    case 'LocalDateTime':
      return new neo4j.types.LocalDateTime(
        int(f.year),
        int(f.month),
        int(f.day),
        int(f.hour),
        int(f.minute),
        int(f.second),
        int(f.nanosecond),
      );
    case 'Date':
      return new neo4j.types.Date(int(f.year), int(f.month), int(f.day));
    case 'LocalTime':
      return new neo4j.types.LocalTime(int(f.hour), int(f.minute), int(f.second), int(f.nanosecond));
    case 'Time':
      return new neo4j.types.Time(
        int(f.hour),
        int(f.minute),
        int(f.second),
        int(f.nanosecond),
        int(f.timeZoneOffsetSeconds),
      );
    case 'Duration':
      return new neo4j.types.Duration(int(f.months), int(f.days), int(f.seconds), int(f.nanoseconds));
    default:
      throw new BackupError(`unknown value type in the backup: ${JSON.stringify(v).slice(0, 80)}`);
  }
}

// ---- backup ----------------------------------------------------------------------------
