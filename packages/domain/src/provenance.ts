// Submissions and provenance (issue 13 item 3, DESIGN.md §2 "Provenance"): an import
// recorded as a submission names the contributor organization, a contact, the date and
// a note; every entity and dependency keeps the ids of the submissions that asserted it.

/** The key of the dependency from → to in maps of dependencies (ids hold no NUL). */
export const dependencyKey = (from: string, to: string): string => `${from}\u0000${to}`;

/** One submission, as stored (a Submission node) and as a provenance table lists it. */
export interface SubmissionRecord {
  id: string;
  /** The contributing organization (its name or its id in the map). */
  contributor: string;
  contact: string | null;
  /** The date of the submission, YYYY-MM-DD: when the contributor asserted its rows. */
  date: string;
  note: string | null;
  /** When it was imported (ISO 8601), and by whom; null for one written back from a provenance table. */
  recordedAt?: string | null;
  actor?: string | null;
}

/** The provenance of a map, as an export writes it and an import writes it back. */
export interface ProvenanceTable {
  submissions: SubmissionRecord[];
  /** Each asserted entity and the submissions that asserted it, in that order. */
  entities: { id: string; submissions: string[] }[];
  /** Each asserted dependency and the submissions that asserted it. */
  dependencies: { from: string; to: string; submissions: string[] }[];
}

export const emptyProvenance = (): ProvenanceTable => ({ submissions: [], entities: [], dependencies: [] });

/** The fields of a submission as a user gives them (CLI flags, GraphQL input, the Import page). */
export interface SubmissionInput {
  contributor: string;
  contact?: string | null;
  /** YYYY-MM-DD; default the day of the import (UTC). */
  date?: string | null;
  note?: string | null;
}

/** A problem with a submission's fields: `field` is one of contributor, contact, date, note. */
export interface SubmissionProblem {
  field: keyof SubmissionInput;
  message: string;
}

const LIMITS = { contributor: 200, contact: 200, note: 2000 } as const;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Checks a submission's fields and applies the default date (`today`, YYYY-MM-DD):
 * the trimmed fields, or the first problem.
 */
export function parseSubmission(
  input: SubmissionInput,
  today: string,
): { ok: true; value: Omit<SubmissionRecord, 'id'> } | { ok: false; problem: SubmissionProblem } {
  const text = (field: 'contributor' | 'contact' | 'note') => {
    const v = input[field]?.trim() ?? '';
    return v;
  };
  const contributor = text('contributor');
  if (!contributor)
    return {
      ok: false,
      problem: { field: 'contributor', message: 'a contributor organization is required' },
    };
  for (const field of ['contributor', 'contact', 'note'] as const)
    if (text(field).length > LIMITS[field])
      return { ok: false, problem: { field, message: `at most ${LIMITS[field]} characters` } };
  const date = input.date?.trim() || today;
  if (!isIsoDate(date))
    return { ok: false, problem: { field: 'date', message: `'${date}' is not a date written YYYY-MM-DD` } };
  return {
    ok: true,
    value: { contributor, contact: text('contact') || null, date, note: text('note') || null },
  };
}
