// A micro-measurement outside the suite (issue 14 item 2's target, ≤ 2 s at M): the
// engine's ten ranked mitigations for the dominant clearinghouse failing for 72 h, with
// the candidates the API's price allows at that size (31 at M), in this process (CPU
// wall time; no API, no Neo4j). Beside it, one impact of the same failure, so the figure
// can be read as a ratio within the run:
// `npx tsx tools/bench/src/mitigations-in-process.ts [S|M] [repeats] [candidates]`.
import { graphFromTemplate, impact, mitigations } from '@smart/engine';
import { SIZES, generateEcosystem } from '@smart/seed';
import { chooseScenarios } from './scenarios';

const size = (process.argv[2] ?? 'M') as keyof typeof SIZES;
const repeats = Number(process.argv[3] ?? 5);
const candidates = Number(process.argv[4] ?? 31);
const graph = graphFromTemplate(generateEcosystem({ entities: SIZES[size], seed: 1 }));
const target = chooseScenarios(graph).find((s) => s.label === 'dominant clearinghouse');
if (!target) throw new Error('no dominant clearinghouse in this graph');
const input = { failed: [{ id: target.id }], durationHours: 72 };
const ms = (f: () => unknown) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
ms(() => mitigations(graph, input, { first: 10, maxCandidates: candidates })); // warm-up
const ranked: number[] = [];
const single: number[] = [];
let found = 0;
for (let i = 0; i < repeats; i++) {
  single.push(ms(() => impact(graph, input)));
  ranked.push(ms(() => (found = mitigations(graph, input, { first: 10, maxCandidates: candidates }).length)));
}
const m = median(ranked);
const s = median(single);
console.log(
  `${size} (${graph.ids.length} entities): ${found} mitigations from ${candidates} candidates, median ${m.toFixed(0)} ms over ${repeats}; one impact ${s.toFixed(0)} ms; ratio ${(m / s).toFixed(1)}×`,
);
