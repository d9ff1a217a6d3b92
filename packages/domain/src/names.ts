// Vendor names as submissions spell them: "ClearHouse One", "Clearhouse One, Inc.",
// "CLEARHOUSE ONE (Optum)", "Clearhouse One d/b/a ClearPay". Two spellings of one
// vendor must not become two suppliers, or that vendor's systemic risk splits in two.
// This module reduces a name to what identifies the organization behind it: case,
// punctuation, accents and legal suffixes dropped; a parent or trade name (in
// parentheses, or after "d/b/a" / "dba" / "a/k/a") kept apart.

/** Legal-form words that say nothing about which vendor it is. */
const LEGAL_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'llc',
  'llp',
  'lp',
  'ltd',
  'limited',
  'corp',
  'corporation',
  'co',
  'company',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'bv',
  'nv',
  'pc',
  'pllc',
  'holdings',
]);

/** Words too common in vendor names to tell two apart on their own. */
const FILLER = new Set(['the', 'and', 'of', 'a', 'an']);

export interface NormalizedName {
  /** The identifying words, in order, joined by single spaces ("clearhouse one"). */
  core: string;
  /** The words of `core`. */
  tokens: string[];
  /** Parent or trade names given with it ("optum" for "Clearhouse One (Optum)"). */
  aliases: string[];
}

/** Lower case, accents off, anything but letters and digits a space, words split. */
function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
}

function core(text: string): string[] {
  const w = words(text).filter((x) => !FILLER.has(x));
  // Legal forms only count at the end ("Co-op Health" keeps its "co").
  while (w.length > 1 && LEGAL_SUFFIXES.has(w[w.length - 1]!)) w.pop();
  return w;
}

export function normalizeName(name: string): NormalizedName {
  const aliases: string[] = [];
  // Parenthesised parts are parent or trade names: "(Optum)", "(formerly X)".
  let main = name.replace(/\(([^)]*)\)/g, (_, inner: string) => {
    const a = core(inner.replace(/^\s*(formerly|a\s*k\s*a|aka|part of|an?)\s+/i, '')).join(' ');
    if (a) aliases.push(a);
    return ' ';
  });
  // "X d/b/a Y", "X dba Y", "X a/k/a Y": Y is another name of X.
  const dba = /\s(?:d\s*\/\s*b\s*\/\s*a|dba|a\s*\/\s*k\s*\/\s*a|aka)\.?\s/i.exec(` ${main} `);
  if (dba) {
    const at = dba.index;
    const padded = ` ${main} `;
    const other = core(padded.slice(at + dba[0].length)).join(' ');
    if (other) aliases.push(other);
    main = padded.slice(0, at);
  }
  const tokens = core(main);
  return { core: tokens.join(' '), tokens, aliases };
}

/**
 * Score of a name whose core is another's parent or trade name: likely the same
 * organization or its parent, which an analyst must tell apart.
 */
export const ALIAS_SIMILARITY = 0.8;

/**
 * How alike two normalized names are, 0–1: 1 for the same core, ALIAS_SIMILARITY when
 * one's core is the other's alias, else the Jaccard overlap of their core words.
 */
export function nameSimilarity(a: NormalizedName, b: NormalizedName): number {
  if (a.core === '' || b.core === '') return 0;
  if (a.core === b.core) return 1;
  if (a.aliases.includes(b.core) || b.aliases.includes(a.core)) return ALIAS_SIMILARITY;
  const x = new Set(a.tokens);
  const y = new Set(b.tokens);
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / (x.size + y.size - shared);
}
