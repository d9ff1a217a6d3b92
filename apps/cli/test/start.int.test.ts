// What `npm start` prints about signing in (issue 12, item 4): a one-time code, never a
// bearer token, and only on loopback or while no user exists; demo data only when
// wanted (item 10).
import { verifyToken } from '@smart/api';
import { createUser, redeemSignInCode } from '@smart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDatabase, testStore } from '../../../test/support/neo4j';
import { demoWanted, signInNotice, webWanted } from '../src/commands/start';

const store = testStore();
beforeAll(() => resetDatabase(store));
afterAll(() => store.close());

const base = 'http://127.0.0.1:4000';
const codeIn = (lines: string[]) => /\?code=([A-Za-z0-9_-]+)/.exec(lines.join('\n'))?.[1];

describe('npm start’s sign-in notice', () => {
  it('on a first start with no users, prints a one-time code even on 0.0.0.0 (someone must get in)', async () => {
    const lines = await signInNotice(store, { host: '0.0.0.0', base, env: {} });
    const code = codeIn(lines);
    expect(code).toBeDefined();
    expect(lines.join('\n')).toMatch(/one use, valid 10 min/);
    expect(lines.join('\n')).toContain('npm run user -- add');
    expect(await verifyToken(code!)).toBeNull();
    expect((await redeemSignInCode(store, code!)).ok).toBe(true);
    expect(await redeemSignInCode(store, code!)).toEqual({ ok: false, reason: 'used' });
  });

  it('with users, prints no way in on a non-loopback address (Docker logs), only how to add users', async () => {
    await createUser(store, { username: 'first-admin', role: 'ADMIN', password: 'a long password' }, 'test');
    const lines = await signInNotice(store, { host: '0.0.0.0', base, env: {} });
    const text = lines.join('\n');
    expect(codeIn(lines)).toBeUndefined();
    expect(text).not.toMatch(/token=|eyJ/);
    expect(text).toContain('npm run user -- add');
  });

  it('on loopback, prints a code valid SMART_SIGN_IN_CODE_TTL_SECONDS', async () => {
    const lines = await signInNotice(store, {
      host: '127.0.0.1',
      base,
      env: { SMART_SIGN_IN_CODE_TTL_SECONDS: '120' },
    });
    expect(lines.join('\n')).toMatch(/valid 2 min/);
    const redeemed = await redeemSignInCode(store, codeIn(lines)!, { now: Date.now() + 121_000 });
    expect(redeemed).toEqual({ ok: false, reason: 'expired' });
    await expect(
      signInNotice(store, { host: '::1', base, env: { SMART_SIGN_IN_CODE_TTL_SECONDS: 'soon' } }),
    ).rejects.toThrow(/SMART_SIGN_IN_CODE_TTL_SECONDS must be a whole number/);
  });
});

describe('demo data', () => {
  it('is imported only when asked in production (the Docker image), by default locally', () => {
    expect(demoWanted({ NODE_ENV: 'production' })).toBe(false);
    expect(demoWanted({ NODE_ENV: 'production', SMART_DEMO: '1' })).toBe(true);
    expect(demoWanted({})).toBe(true);
    expect(demoWanted({ SMART_DEMO: '0' })).toBe(false);
    expect(() => demoWanted({ SMART_DEMO: 'yes' })).toThrow(/SMART_DEMO must be 1 or 0/);
  });
});

describe('serving the web app', () => {
  it('is on unless SMART_SERVE_WEB=0 (an API-only replica), and a bad value is refused', () => {
    expect(webWanted({})).toBe(true);
    expect(webWanted({ SMART_SERVE_WEB: '1' })).toBe(true);
    expect(webWanted({ SMART_SERVE_WEB: '0' })).toBe(false);
    expect(() => webWanted({ SMART_SERVE_WEB: 'no' })).toThrow(/SMART_SERVE_WEB must be 1 or 0/);
  });
});
