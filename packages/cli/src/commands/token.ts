// `npm run token -- --role viewer|analyst|admin [--ttl 30d] [--user NAME]`: prints a bearer token.
import { issueToken } from '@smart/api';
import { ROLES, type Role } from '@smart/domain';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function parseTtl(text: string): number {
  const m = /^(\d+)([smhd])$/.exec(text.trim());
  if (!m) throw new Error(`--ttl '${text}' is not a duration: use a number and s, m, h or d (e.g. 12h, 30d)`);
  return Number(m[1]) * UNITS[m[2]!]!;
}

export async function tokenCommand(args: { role?: string; ttl?: string; user?: string }): Promise<void> {
  const role = (args.role ?? '').toUpperCase() as Role;
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ').toLowerCase()}`);
  const ttlSeconds = parseTtl(args.ttl ?? '30d');
  console.log(await issueToken({ username: args.user ?? `token-${role.toLowerCase()}`, role, ttlSeconds }));
}
