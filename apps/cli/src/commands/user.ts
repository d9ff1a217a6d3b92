// `npm run user -- add NAME --role R [--password P]`, `user list`, `user remove NAME`,
// `user role NAME --role R`, `user passwd NAME [--password P]`. Without --password the
// password is asked for (hidden, twice) on a terminal, else read from the first line
// of standard input. Every change is audited and voids the user's earlier tokens
// where it should (role change, new password, removal).
import { parseArgs } from 'node:util';
import {
  MIN_PASSWORD_LENGTH,
  type Store,
  createUser,
  deleteUser,
  listUsers,
  setUserPassword,
  setUserRole,
} from '@smart/store';
import { openStore } from './database';
import { cliActor } from './token';

const USAGE = `usage: npm run user -- <command>
  add NAME --role viewer|analyst|admin [--org ORG_ID[,ORG_ID…]] [--password P]
      --org scopes a VIEWER or ANALYST to those organizations (they see the rest of
      the map as aggregates only); every id must name an organization of the map
  list
  remove NAME
  role NAME --role viewer|analyst|admin
  passwd NAME [--password P]
(without --password: asked on a terminal, else the first line of standard input)`;

/** Reads a line from a terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    process.stderr.write(question);
    let text = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          done();
          resolve(text);
          return;
        }
        if (ch === '\u0003') {
          done();
          reject(new Error('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    stdin.on('data', onData);
  });
}

async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += chunk;
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

async function readPassword(given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  if (process.stdin.isTTY) {
    const first = await promptHidden(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `);
    const again = await promptHidden('Password again: ');
    if (first !== again) throw new Error('the two passwords differ');
    return first;
  }
  return firstLineOfStdin();
}

async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore();
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export async function userCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      password: { type: 'string' },
      org: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [sub, name] = positionals;
  if (values.help || !sub) {
    console.log(USAGE);
    return sub || values.help ? 0 : 2;
  }
  const needName = () => {
    if (!name) throw new Error(`user ${sub} needs a user name\n${USAGE}`);
    return name;
  };
  switch (sub) {
    case 'add': {
      const username = needName();
      if (!values.role) throw new Error('user add needs --role viewer|analyst|admin');
      // --org A,B and --org A --org B both work.
      const organizations = (values.org ?? []).flatMap((o) => o.split(','));
      if (values.org && !organizations.some((o) => o.trim()))
        throw new Error('--org needs organization ids: --org ORG_ID[,ORG_ID…]');
      const password = await readPassword(values.password);
      const user = await withStore((s) =>
        createUser(s, { username, role: values.role!, password, organizations }, cliActor()),
      );
      const scope = user.organizations.length ? `, scoped to ${user.organizations.join(', ')}` : '';
      console.log(`Added ${user.username} (${user.role.toLowerCase()}${scope}).`);
      return 0;
    }
    case 'list': {
      const users = await withStore(listUsers);
      if (!users.length) console.log('No users yet: npm run user -- add NAME --role admin');
      for (const u of users)
        console.log(
          `${u.username.padEnd(24)} ${u.role.toLowerCase().padEnd(8)} ${u.createdAt}${u.organizations.length ? `  scope: ${u.organizations.join(',')}` : ''}`,
        );
      return 0;
    }
    case 'remove': {
      const username = needName();
      const removed = await withStore((s) => deleteUser(s, username, cliActor()));
      console.log(
        removed ? `Removed ${username}; their tokens are revoked.` : `There is no user named ${username}.`,
      );
      return removed ? 0 : 1;
    }
    case 'role': {
      const username = needName();
      if (!values.role) throw new Error('user role needs --role viewer|analyst|admin');
      const user = await withStore((s) => setUserRole(s, username, values.role!, cliActor()));
      console.log(`${user.username} is now ${user.role.toLowerCase()}; their earlier tokens are revoked.`);
      return 0;
    }
    case 'passwd': {
      const username = needName();
      const password = await readPassword(values.password);
      await withStore((s) => setUserPassword(s, username, password, cliActor()));
      console.log(`Password of ${username} changed; their earlier tokens are revoked.`);
      return 0;
    }
    default:
      console.error(`unknown user command '${sub}'\n${USAGE}`);
      return 2;
  }
}
