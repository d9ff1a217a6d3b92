// Writes the demo ecosystem as a CSV template folder (default: packages/seed/demo,
// the committed copy). Usage: npx tsx packages/seed/src/write-demo.ts [dir]
import { writeTemplate } from '@smart/templates';
import { demoEcosystem } from './demo';
import { DEMO_DIR } from './paths';
import { ecosystemStats } from './stats';

const dir = process.argv[2] ?? DEMO_DIR;
const template = demoEcosystem();
await writeTemplate(template, dir, { format: 'csv' });
const s = ecosystemStats(template);
console.log(`demo written to ${dir}: ${s.entities} entities, ${s.dependencies} dependencies`);
