// Generates an ecosystem and streams it to a CSV template folder.
// Usage: npx tsx packages/seed/src/write-generated.ts <S|M|L|entities> <dir> [seed]
import { writeGeneratedCsv } from './csv';
import { SIZES, type SizeName } from './generate';

const [size = 'S', dir, seedArg = '1'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: write-generated.ts <S|M|L|entities> <dir> [seed]');
  process.exit(2);
}
const entities = size in SIZES ? SIZES[size as SizeName] : Number(size);
if (!Number.isFinite(entities) || entities < 1) {
  console.error(`not a size: ${size}`);
  process.exit(2);
}
const r = await writeGeneratedCsv({ entities, seed: Number(seedArg) }, dir, (n) =>
  process.stderr.write(`${(n / 1e6).toFixed(0)}M rows\r`),
);
const heap = process.memoryUsage().heapUsed / 1e6;
console.log(
  `${r.entities} entities, ${r.dependencies} dependencies (${(r.dependencies / r.entities).toFixed(2)}/entity) ` +
    `written to ${dir} in ${(r.ms / 1000).toFixed(1)} s; heap ${heap.toFixed(0)} MB`,
);
