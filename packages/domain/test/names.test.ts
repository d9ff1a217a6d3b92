import { describe, expect, it } from 'vitest';
import { ALIAS_SIMILARITY, nameSimilarity, normalizeName } from '../src/index';

describe('normalizeName', () => {
  it('sets aside case, punctuation, accents and trailing legal forms', () => {
    for (const v of ['ClearHouse One', 'Clearhouse One, Inc.', 'CLEARHOUSE ONE LLC', 'Cléarhouse-One Corp.'])
      expect(normalizeName(v).core, v).toBe('clearhouse one');
  });

  it('keeps parent and trade names apart as aliases', () => {
    expect(normalizeName('CLEARHOUSE ONE (Optum)')).toEqual({
      core: 'clearhouse one',
      tokens: ['clearhouse', 'one'],
      aliases: ['optum'],
    });
    expect(normalizeName('Clearhouse One d/b/a ClearPay')).toMatchObject({
      core: 'clearhouse one',
      aliases: ['clearpay'],
    });
    expect(normalizeName('Acme Health Systems, LLC dba Acme Cloud').aliases).toEqual(['acme cloud']);
  });

  it('drops a legal form only at the end, and keeps a name that is only a legal form', () => {
    expect(normalizeName('Co Health Partners').core).toBe('co health partners');
    expect(normalizeName('Inc').core).toBe('inc');
    expect(normalizeName('Johnson & Johnson').core).toBe('johnson johnson');
  });
});

describe('nameSimilarity', () => {
  it('is 1 for the same core, ALIAS_SIMILARITY for a core that is the other’s alias, else the overlap of words', () => {
    const a = normalizeName('ClearHouse One');
    expect(nameSimilarity(a, normalizeName('Clearhouse One, Inc.'))).toBe(1);
    expect(nameSimilarity(normalizeName('Optum'), normalizeName('Clearhouse One (Optum)'))).toBe(
      ALIAS_SIMILARITY,
    );
    // {clearhouse, one} vs {clearhouse, two}: 1 shared of 3
    expect(nameSimilarity(a, normalizeName('Clearhouse Two'))).toBeCloseTo(1 / 3, 10);
    expect(nameSimilarity(a, normalizeName('Stratus Cloud'))).toBe(0);
    expect(nameSimilarity(a, normalizeName('!!!'))).toBe(0);
  });
});
