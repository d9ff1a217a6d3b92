// fast-check generators of valid templates in the form reading produces: text
// trimmed and non-empty (with commas, quotes, line breaks and non-ASCII mixed in),
// ids without spaces, numbers in range, references that resolve to the right kind.
import {
  DEPENDENCY_SOURCES,
  ORGANIZATION_SIZES,
  SERVICE_TYPES,
  SUBSECTORS,
  WORKFLOW_CATEGORIES,
  type Template,
} from '@smart/domain';
import fc from 'fast-check';

const SPECIALS = [
  ',',
  '"',
  '""',
  '\n',
  ';',
  "'",
  'é',
  'Ünïcødé',
  '漢字',
  '😀',
  '👩‍⚕️',
  '=1+1',
  '#',
  ' ',
  '\t',
  '<&>',
];
// Characters no spreadsheet cell keeps (controls other than \n and \t; \r is stored as \n), or XML forbids.
const unkeepable = (s: string) =>
  [...s].some((ch) => {
    const c = ch.codePointAt(0) ?? 0;
    return (c < 0x20 && ch !== '\n' && ch !== '\t') || c === 0x7f || c === 0xfffe || c === 0xffff;
  });

const textOf = (max: number) =>
  fc
    .array(fc.oneof(fc.constantFrom(...SPECIALS), fc.string({ unit: 'grapheme', maxLength: 4 })), {
      minLength: 1,
      maxLength: 8,
    })
    .map((parts) => parts.join('').trim())
    .filter((s) => s.length > 0 && s.length <= max && s === s.trim() && !unkeepable(s));

export const text = textOf(500);
const optText = fc.option(text, { nil: undefined });
export const id = textOf(200)
  .map((s) => s.replace(/\s+/g, '_'))
  .filter((s) => /^[^\s]+$/.test(s) && s === s.trim());

const num = (min: number, max: number) =>
  fc.option(
    fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
    { nil: undefined },
  );
const int = (min: number, max: number) => fc.option(fc.integer({ min, max }), { nil: undefined });
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

const KINDS = ['org', 'sup', 'svc', 'asset', 'wf', 'cf'] as const;

export const template: fc.Arbitrary<Template> = fc
  .uniqueArray(id, { minLength: KINDS.length, maxLength: 24 })
  .chain((ids) =>
    fc
      .array(pick(KINDS), { minLength: ids.length - KINDS.length, maxLength: ids.length - KINDS.length })
      .map((extra) => {
        // The first six ids cover every kind, so every reference has a target.
        const kinds = [...KINDS, ...extra];
        const of = (k: (typeof KINDS)[number]) => ids.filter((_, i) => kinds[i] === k);
        return {
          org: of('org'),
          sup: of('sup'),
          svc: of('svc'),
          asset: of('asset'),
          wf: of('wf'),
          cf: of('cf'),
        };
      }),
  )
  .chain((ids) => {
    const from = [...ids.wf, ...ids.asset, ...ids.svc];
    const to = [...from, ...ids.sup];
    const rows = <T>(keys: string[], row: (key: string) => fc.Arbitrary<T>) =>
      keys.length === 0 ? fc.constant([] as T[]) : fc.tuple(...keys.map(row));
    return fc.record({
      organizations: rows(ids.org, (key) =>
        fc.record({
          id: fc.constant(key),
          name: text,
          subsector: pick(SUBSECTORS),
          type: optText,
          region: optText,
          size: fc.option(pick(ORGANIZATION_SIZES), { nil: undefined }),
          beds: int(0, 5000),
          notes: optText,
        }),
      ),
      suppliers: rows(ids.sup, (key) =>
        fc.record({
          id: fc.constant(key),
          name: text,
          category: optText,
          country: optText,
          securityRating: num(0, 100),
          notes: optText,
        }),
      ),
      services: rows(ids.svc, (key) =>
        fc.record({
          id: fc.constant(key),
          name: text,
          supplierId: pick(ids.sup),
          type: pick(SERVICE_TYPES),
          category: optText,
          region: optText,
          notes: optText,
        }),
      ),
      assets: rows(ids.asset, (key) =>
        fc.record({
          id: fc.constant(key),
          name: text,
          organizationId: pick(ids.org),
          type: optText,
          notes: optText,
        }),
      ),
      workflows: rows(ids.wf, (key) =>
        fc.record({
          id: fc.constant(key),
          name: text,
          organizationId: pick(ids.org),
          category: pick(WORKFLOW_CATEGORIES),
          sectorWorkflow: optText,
          criticality: int(1, 5),
          toleranceHours: num(0, 1e9),
          workaroundCapacity: num(0, 1),
          volumePerDay: num(0, 1e25), // large values print with an exponent in JS
          volumeUnit: optText,
          notes: optText,
        }),
      ),
      criticalFunctions: rows(ids.cf, (key) =>
        fc.record({ id: fc.constant(key), name: text, description: optText, ncf: optText }),
      ),
      workflowFunctions: fc
        .uniqueArray(fc.tuple(pick(ids.wf), pick(ids.cf)), {
          selector: ([w, f]) => `${w}\u0000${f}`,
          maxLength: 6,
        })
        .map((links) => links.map(([workflowId, functionId]) => ({ workflowId, functionId }))),
      dependencies: fc
        .uniqueArray(
          fc.tuple(pick(from), pick(to)).filter(([a, b]) => a !== b),
          { selector: ([a, b]) => `${a}\u0000${b}`, maxLength: 12 },
        )
        .chain((pairs) =>
          rows(
            pairs.map((p) => p.join('\u0000')),
            (key) => {
              const [a, b] = key.split('\u0000') as [string, string];
              return fc.record({
                from: fc.constant(a),
                to: fc.constant(b),
                group: optText,
                strength: num(0, 1),
                source: fc.option(pick(DEPENDENCY_SOURCES), { nil: undefined }),
                confidence: num(0, 1),
                notes: optText,
              });
            },
          ),
        ),
    });
  });
