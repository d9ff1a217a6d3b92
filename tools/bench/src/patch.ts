// Micro-measurement (not part of `npm run bench`): one write applied to the engine's
// projection with applyChanges, against a full GraphBuilder build of the same graph.
// Times are CPU times (the machine is shared).
// Run: NODE_OPTIONS=--expose-gc npx tsx tools/bench/src/patch.ts [S|M|L] [repeats]
import type { Template } from '@smart/domain';
import {
  applyChanges,
  type CompactGraph,
  type GraphBuilder,
  type GraphChange,
  graphBuilderFromTemplate as builderOf,
  impact,
} from '@smart/engine';
import { generateEcosystem, SIZES, type SizeName } from '@smart/seed';
import { medianCpuMs } from './stats';

const time = medianCpuMs;

const size = (process.argv[2] ?? 'M') as SizeName;
const repeats = Number(process.argv[3] ?? 7);
let t: Template | null = generateEcosystem({ entities: SIZES[size], seed: 1 });
let builder: GraphBuilder | null = builderOf(t);
const t0 = process.cpuUsage();
const g: CompactGraph = builder.build();
const d0 = process.cpuUsage(t0);
const full = (d0.user + d0.system) / 1000;
const st = g.stats();
console.log(
  `size ${size}: ${st.nodes.toLocaleString('en')} entities, ${st.dependencies.toLocaleString('en')} dependencies; ` +
    `GraphBuilder.build() ${full.toFixed(0)} ms (the store adds its Neo4j read to this)`,
);

const wf = t.workflows[Math.floor(t.workflows.length / 2)]!;
const svc = t.services[Math.floor(t.services.length / 3)]!;
const dep = t.dependencies[Math.floor(t.dependencies.length / 2)]!;
const supplier = t.suppliers[1]!;
const scenarios: [string, GraphChange[]][] = [
  ['add a dependency', [{ op: 'ADD_DEPENDENCY', from: wf.id, to: svc.id, group: null, strength: 1 }]],
  ['remove a dependency', [{ op: 'REMOVE_DEPENDENCY', from: dep.from, to: dep.to }]],
  [
    'update a workflow (tolerance)',
    [
      {
        op: 'UPSERT_ENTITY',
        entity: { ...wf, kind: 'WORKFLOW', toleranceHours: 12, owner: wf.organizationId },
      },
    ],
  ],
  [
    'add a service (indices shift)',
    [
      {
        op: 'UPSERT_ENTITY',
        entity: { id: `${svc.id}-new`, kind: 'SERVICE', name: 'new', owner: supplier.id },
      },
    ],
  ],
  ['delete a supplier (and its services)', [{ op: 'DELETE_ENTITY', id: supplier.id }]],
];
// The API holds the projection, not the template: drop it so the collector sees that heap.
t = null;
builder = null;
(globalThis as { gc?: () => void }).gc?.();
for (const [name, changes] of scenarios) {
  const ms = time(repeats, () => applyChanges(g, changes));
  console.log(
    `  ${name}: applyChanges median ${ms.toFixed(1)} ms (${(full / ms).toFixed(0)}× less than build())`,
  );
}
// the analysis right after a patch (fresh scratch memory for the new graph) vs on the built graph
const failed = [{ id: supplier.id }];
const onBuilt = time(1, () => impact(g, { failed, durationHours: 24 }));
const patched = applyChanges(g, scenarios[0]![1]);
const onPatched = time(1, () => impact(patched, { failed, durationHours: 24 }));
console.log(
  `  first impact of ${supplier.id}: ${onBuilt.toFixed(1)} ms on the built graph, ${onPatched.toFixed(1)} ms on the patched one`,
);
