// `smart` — the command line: start, dev, import, export, seed, token (and, as they
// land, impact, paths, bench). Run through the root npm scripts.
// Each command is loaded only when it runs: the API, the engine and the generator
// are large, and every invocation would otherwise pay for all of them.
import { parseArgs } from 'node:util';
import { openStore } from './commands/database';

const USAGE = `usage: smart <command>
  start                         database, schema, demo data (SMART_DEMO), API and web app on :4000
  dev                           the same with Vite's dev server
  import <path> [--replace [--allow-empty TABLE]…] [--dry-run] [--json]   a template folder, .xlsx or .zip
         [--contributor ORG [--contact C] [--date YYYY-MM-DD] [--note N]]   recorded as a submission
  import <path> --bulk [--replace [--allow-empty TABLE]…] [--json] [--contributor ORG …]
                                             initial load with neo4j-admin (local Neo4j only)
  import --undo [--json]        the map back to what it was before the last import
  export <path> [--format csv|xlsx] [--org ORG_ID[,ORG_ID…]]   --org: only what a user scoped to them sees
  template <file.xlsx|dir> [--force]   the blank template to fill in (instructions, dropdowns, examples)
  seed [--size S|M|L|<n> [--seed N] [--out DIR]] [--replace]
  token --role viewer|analyst|admin [--ttl 30d] [--user NAME]
  token revoke <jti> | token revoke --user NAME
  token code --role R [--user NAME] [--ttl 10m]   one-time sign-in code (link ?code=)
  token revoke-code <id>
  user add|list|remove|role|passwd …   (user --help)
  backup <file[.gz]>  /  restore <file> [--force]
  impact --failed ID[,ID] [--hours N] [--model discrete|inoperability] [--json]
  paths --from ID [--to WORKFLOW[,CRITICAL_FUNCTION]] [--depth N] [--limit N] [--json]
  bench [--sizes S,M,L] [--json FILE] [--docs] [--only SUITE,…]   (bench --help)
  backtest [--json|--write]     the incident library on the demo map (--write: regenerate docs/backtests.md)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // The benchmarks parse their own options (--json takes a file there).
  if (command === 'bench') return (await import('./commands/bench')).benchCommand(rest);
  if (command === 'backtest') return (await import('./commands/backtest')).backtestCommand(rest);
  if (command === 'user') return (await import('./commands/user')).userCommand(rest);
  if (command === 'backup') return (await import('./commands/backup')).backupCommand(rest);
  if (command === 'restore') return (await import('./commands/backup')).restoreCommand(rest);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      replace: { type: 'boolean' },
      'allow-empty': { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      bulk: { type: 'boolean' },
      undo: { type: 'boolean' },
      json: { type: 'boolean' },
      format: { type: 'string' },
      role: { type: 'string' },
      ttl: { type: 'string' },
      user: { type: 'string' },
      size: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      failed: { type: 'string' },
      hours: { type: 'string' },
      model: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      depth: { type: 'string' },
      limit: { type: 'string' },
      force: { type: 'boolean' },
      contributor: { type: 'string' },
      contact: { type: 'string' },
      date: { type: 'string' },
      note: { type: 'string' },
      org: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'start':
    case 'dev':
      await (await import('./commands/start')).startStack({ dev: command === 'dev' });
      return -1; // keeps running
    case 'token':
      await (await import('./commands/token')).tokenCommand(values, positionals);
      return 0;
    case 'import': {
      const { importPath, parseAllowEmpty, printImportOutcome, undoImport } = await import(
        './commands/import'
      );
      const path = positionals[0];
      if (values.undo) {
        if (path)
          throw new Error(
            'import --undo takes no path: it restores the map as it was before the last import',
          );
        const store = await openStore();
        try {
          return await undoImport(store, values.json === true);
        } finally {
          await store.close();
        }
      }
      if (!path) throw new Error('import needs a path: a template folder, an .xlsx or a .zip file');
      const allowEmpty = parseAllowEmpty(values['allow-empty']);
      if (allowEmpty.length && !values.replace)
        throw new Error('--allow-empty only means something with --replace');
      const submission =
        values.contributor !== undefined
          ? { contributor: values.contributor, contact: values.contact, date: values.date, note: values.note }
          : undefined;
      if (!submission && (values.contact || values.date || values.note))
        throw new Error('--contact, --date and --note describe a submission: give its --contributor too');
      if (values.bulk) {
        if (values['dry-run'])
          throw new Error(
            '--bulk has no dry run: run the import with --dry-run and without --bulk to see the counts',
          );
        const { bulkImportPath } = await import('./commands/bulk-import');
        const outcome = await bulkImportPath(path, {
          replace: values.replace,
          allowEmpty,
          json: values.json,
          submission,
        });
        printImportOutcome(outcome, values.json === true);
        if (outcome.ok && !values.json)
          console.log(
            `Loaded with neo4j-admin in ${outcome.seconds!.toFixed(1)} s end to end; graph version ${outcome.graphVersion}. There is no undo of a bulk load: back up first (npm run backup) to keep the map it replaces.`,
          );
        return outcome.ok ? 0 : 1;
      }
      const store = await openStore();
      try {
        const outcome = await importPath(store, path, {
          replace: values.replace,
          allowEmpty,
          dryRun: values['dry-run'],
          json: values.json,
          submission,
        });
        printImportOutcome(outcome, values.json === true);
        return outcome.ok ? 0 : 1;
      } finally {
        await store.close();
      }
    }
    case 'export': {
      const path = positionals[0];
      if (!path) throw new Error('export needs a path');
      const { exportPath, parseScope } = await import('./commands/export');
      const organizations = parseScope(values.org);
      const store = await openStore();
      try {
        await exportPath(
          store,
          path,
          values.format ?? (path.endsWith('.xlsx') ? 'xlsx' : 'csv'),
          organizations,
        );
        return 0;
      } finally {
        await store.close();
      }
    }
    case 'template':
      return (await import('./commands/template')).templateCommand(positionals[0], values.force === true);
    case 'impact':
    case 'paths': {
      const { impactCommand, pathsCommand } = await import('./commands/analysis');
      const store = await openStore({ log: () => {} });
      try {
        return await (command === 'impact' ? impactCommand(store, values) : pathsCommand(store, values));
      } finally {
        await store.close();
      }
    }
    case 'seed':
      return (await import('./commands/seed')).seedCommand(values);
    default:
      console.error(`unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
