// Micro-measurement (not part of `npm run bench`): what handing the projection to the
// analysis workers costs (DESIGN §8, "Analyses off the request loop"). CPU times, as the
// machine is shared. Run: npx tsx tools/bench/src/shared.ts [S|M|L] [repeats]
//   share (copy)   shareGraph of a freshly built graph: typed arrays copied to shared
//                  memory + strings packed (in the projection worker, off the request loop)
//   share (replay) shareGraph of a graph whose arrays are already shared: strings only
//   post (handles) structuredClone of the shared graph: what each task costs the loop
//   post (strings) structuredClone of the string columns: what sending them per version
//                  per worker would cost the loop instead of a shared table
//   decode         graphFromShared in a worker: once per version per worker
//   after a write  one new supplier (its id sorts first: every row shifts): applyChanges,
//                  then shareGraph from the version before (strings copied by runs) and
//                  graphFromShared from the decoded version before (only its rows decoded);
//                  and applyChanges allocating on shared memory (nothing left to copy)
import { applyChanges, graphFromShared, shareGraph, sharedArrays, sharedBytes } from '@smart/engine';
import { generateEcosystem, SIZES, type SizeName } from '@smart/seed';
import { medianCpuMs } from './stats';
import { graphBuilderFromTemplate as builderOf } from '@smart/engine';

const time = medianCpuMs;

const size = (process.argv[2] ?? 'M') as SizeName;
const repeats = Number(process.argv[3] ?? 7);
const g = builderOf(generateEcosystem({ entities: SIZES[size], seed: 1 })).build();
const shared = shareGraph(g);
const onShared = graphFromShared(shared, g);
const strings = {
  ids: g.ids,
  names: g.names,
  categories: g.categories,
  subsectors: g.subsectors,
  labels: g.labels,
};
let chars = 0;
for (const col of Object.values(strings)) for (const s of col) chars += s?.length ?? 0;
const stringBytes = Object.values(shared.strings).reduce(
  (n, t) => n + t.chars.byteLength + t.offsets.byteLength + (t.present?.byteLength ?? 0),
  0,
);
console.log(
  `size ${size}: ${g.nodeCount.toLocaleString('en')} entities; shared memory ${(sharedBytes(shared) / 2 ** 20).toFixed(1)} MB, of which strings ${(stringBytes / 2 ** 20).toFixed(1)} MB (${chars.toLocaleString('en')} UTF-16 code units)`,
);
const rows: [string, number][] = [
  ['share (copy arrays + pack strings)', time(repeats, () => shareGraph(g))],
  ['share (replayed: pack strings only)', time(repeats, () => shareGraph(onShared))],
  ['post a task (structuredClone of the handles)', time(repeats, () => structuredClone(shared))],
  ['post the strings instead (structuredClone)', time(repeats, () => structuredClone(strings))],
  ['decode in a worker (graphFromShared)', time(repeats, () => graphFromShared(shared))],
];
const written = applyChanges(onShared, [
  { op: 'UPSERT_ENTITY', entity: { id: '0-bench-new', kind: 'SUPPLIER', name: 'New supplier' } },
]);
const base = { graph: onShared, shared };
const next = shareGraph(written, base);
const decodedBase = { graph: graphFromShared(shared), shared };
rows.push(
  [
    'after a write: applyChanges (a new id first)',
    time(repeats, () =>
      applyChanges(onShared, [
        { op: 'UPSERT_ENTITY', entity: { id: '0-bench-new', kind: 'SUPPLIER', name: 'New supplier' } },
      ]),
    ),
  ],
  ['after a write: share, every string packed', time(repeats, () => shareGraph(written))],
  ['after a write: share from the version before', time(repeats, () => shareGraph(written, base))],
  [
    'after a write: applyChanges onto shared memory, then share from the version before',
    time(repeats, () =>
      shareGraph(
        applyChanges(
          onShared,
          [{ op: 'UPSERT_ENTITY', entity: { id: '0-bench-new', kind: 'SUPPLIER', name: 'New supplier' } }],
          { arrays: sharedArrays },
        ),
        base,
      ),
    ),
  ],
  [
    'after a write: applyChanges on the heap, then share from the version before',
    time(repeats, () =>
      shareGraph(
        applyChanges(onShared, [
          { op: 'UPSERT_ENTITY', entity: { id: '0-bench-new', kind: 'SUPPLIER', name: 'New supplier' } },
        ]),
        base,
      ),
    ),
  ],
  ['after a write: decode every string', time(repeats, () => graphFromShared(next))],
  [
    'after a write: decode from the version before',
    time(repeats, () => graphFromShared(next, undefined, decodedBase)),
  ],
);
for (const [name, ms] of rows) console.log(`  ${name}: median ${ms.toFixed(2)} ms`);
