// `npm run token -- --role viewer|analyst|admin [--ttl 30d] [--user NAME]`: prints a
// bearer token (its jti goes to stderr, for revoking it later).
// `npm run token -- revoke <jti>` / `npm run token -- revoke --user NAME`: revokes one
// token, or every token issued to NAME until now; a running API refuses them within
// about a second.
// `npm run token -- code --role R [--user NAME] [--ttl 10m]`: prints a one-time sign-in
// code (a link's `?code=`), not a bearer token; `npm run token -- revoke-code <id>`
// voids an unused one.
import { MAX_TOKEN_TTL_SECONDS, issueTokenWithInfo } from '@smart/api';
import { ROLES, type Role } from '@smart/domain';
import {
  MAX_SIGN_IN_CODE_TTL_SECONDS,
  issueSignInCode,
  revokeSignInCode,
  revokeTokenId,
  revokeUserTokens,
  signInCodeTtlFromEnv,
} from '@smart/store';
import { openStore } from './database';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function parseTtl(text: string): number {
  const m = /^(\d+)([smhd])$/.exec(text.trim());
  if (!m) throw new Error(`--ttl '${text}' is not a duration: use a number and s, m, h or d (e.g. 12h, 30d)`);
  const seconds = Number(m[1]) * UNITS[m[2]!]!;
  if (seconds <= 0 || seconds > MAX_TOKEN_TTL_SECONDS)
    throw new Error(`--ttl is at most ${MAX_TOKEN_TTL_SECONDS / 86400} days`);
  return seconds;
}

export const cliActor = () => `cli:${process.env.USER ?? 'unknown'}`;

export async function tokenCommand(
  args: { role?: string; ttl?: string; user?: string },
  positionals: string[] = [],
): Promise<void> {
  if (positionals[0] === 'revoke') {
    await revokeCommand(positionals[1], args.user);
    return;
  }
  if (positionals[0] === 'code') {
    await codeCommand(args);
    return;
  }
  if (positionals[0] === 'revoke-code') {
    await revokeCodeCommand(positionals[1]);
    return;
  }
  if (positionals.length)
    throw new Error(`unknown token command '${positionals[0]}': use --role, code, revoke or revoke-code`);
  const role = (args.role ?? '').toUpperCase() as Role;
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ').toLowerCase()}`);
  const ttlSeconds = parseTtl(args.ttl ?? '30d');
  const issued = await issueTokenWithInfo({
    username: args.user ?? `token-${role.toLowerCase()}`,
    role,
    ttlSeconds,
  });
  console.log(issued.token);
  console.error(
    `(${role.toLowerCase()} token for ${issued.username}, expires ${new Date(issued.expiresAtMs).toISOString()}; ` +
      `revoke it with: npm run token -- revoke ${issued.jti})`,
  );
}

async function revokeCommand(jti: string | undefined, user: string | undefined): Promise<void> {
  if (!jti === !user) throw new Error('token revoke needs a token id (jti) or --user NAME, not both');
  const store = await openStore();
  try {
    if (jti) {
      await revokeTokenId(store, jti, cliActor());
      console.log(`Revoked token ${jti}.`);
    } else {
      await revokeUserTokens(store, user!, cliActor());
      console.log(`Revoked every token issued to ${user} until now.`);
    }
  } finally {
    await store.close();
  }
}

async function codeCommand(args: { role?: string; ttl?: string; user?: string }): Promise<void> {
  const role = (args.role ?? '').toUpperCase() as Role;
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ').toLowerCase()}`);
  const ttlSeconds = args.ttl ? parseTtl(args.ttl) : signInCodeTtlFromEnv();
  if (ttlSeconds > MAX_SIGN_IN_CODE_TTL_SECONDS)
    throw new Error(`--ttl of a sign-in code is at most ${MAX_SIGN_IN_CODE_TTL_SECONDS / 3600}h`);
  const store = await openStore();
  try {
    const issued = await issueSignInCode(
      store,
      { username: args.user ?? `link-${role.toLowerCase()}`, role, ttlSeconds },
      cliActor(),
    );
    console.log(issued.code);
    console.error(
      `(one-time sign-in code for ${issued.username} as ${role.toLowerCase()}: open <server>/?code=<code> ` +
        `before ${new Date(issued.expiresAtMs).toISOString()}; revoke it with: npm run token -- revoke-code ${issued.id})`,
    );
  } finally {
    await store.close();
  }
}

async function revokeCodeCommand(id: string | undefined): Promise<void> {
  if (!id) throw new Error('token revoke-code needs the id of a sign-in code');
  const store = await openStore();
  try {
    if (!(await revokeSignInCode(store, id, cliActor()))) throw new Error(`there is no sign-in code ${id}`);
    console.log(`Revoked sign-in code ${id}.`);
  } finally {
    await store.close();
  }
}
