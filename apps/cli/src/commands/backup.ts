// `npm run backup -- <file>`: a consistent dump of the database (the template export,
// users, scenarios, the audit trail, token revocations, incidents, submissions and
// provenance, merged-away ids) as JSON, gzip when the name
// ends in .gz; readable by its owner only (it holds password hashes).
// `npm run restore -- <file> [--force]`: into an empty database (--force replaces a
// non-empty one), verified by counts before it commits; live token revocations are kept.
// Up to SMART_IMPORT_SINGLE_TX_ROWS rows it is one transaction; above, it is staged like
// an import (journal, undo snapshot, a batch of SMART_IMPORT_BATCH_SIZE rows per
// transaction, a progress bar on stderr): killed, the next start rolls it back.
import { parseArgs } from 'node:util';
import { type BackupCounts, backupToFile, importBatchSize, restoreFromFile } from '@smart/store';
import { openStore } from './database';
import { progressBar } from './progress';
import { cliActor } from './token';

function describe(c: BackupCounts): string {
  const entities = c.organizations + c.suppliers + c.services + c.assets + c.workflows + c.criticalFunctions;
  return `${entities} entities, ${c.dependencies} dependencies, ${c.workflowFunctions} function links, ${c.users} users, ${c.scenarios} scenarios, ${c.auditEvents} audit events, ${c.incidents} incidents, ${c.submissions} submissions, ${c.entityAliases} merged-away ids`;
}

export async function backupCommand(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  const file = positionals[0];
  if (!file) throw new Error('backup needs a file: npm run backup -- smart-backup.json.gz');
  const store = await openStore();
  try {
    const backup = await backupToFile(store, file);
    console.log(`Backed up ${describe(backup.counts)} (graph version ${backup.graphVersion}) to ${file}.`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function restoreCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { force: { type: 'boolean' } },
  });
  const file = positionals[0];
  if (!file)
    throw new Error('restore needs a backup file: npm run restore -- smart-backup.json.gz [--force]');
  const store = await openStore();
  const writing = progressBar('Restoring');
  try {
    const { counts, usersToReview } = await restoreFromFile(store, file, {
      actor: cliActor(),
      force: values.force,
      batchSize: importBatchSize(),
      onProgress: (done, total) => writing.update(done, total),
    });
    writing.stop();
    console.log(`Restored and verified ${describe(counts)} from ${file}.`);
    if (usersToReview.length)
      console.warn(
        `Review these users: their password, role or tokens changed after the backup, and they are back as the backup had them (old password included): ${usersToReview.join(', ')}`,
      );
    return 0;
  } finally {
    writing.stop();
    await store.close();
  }
}
