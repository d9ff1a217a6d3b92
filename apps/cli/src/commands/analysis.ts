// `npm run impact` and `npm run paths`: the same engine as the API, on a projection
// of the database, for incident responders to script against (--json).
import { ENTITY_KINDS, type EntityKind } from '@smart/domain';
import { explainImpact, type ImpactOptions, impact, paths } from '@smart/engine';
import { type Store, loadProjection } from '@smart/store';

const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function number(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`--${flag} must be a number, not '${text}'`);
  return n;
}

const hours = (h: number | null) => (h === null ? '' : `${Number(h.toFixed(2))} h`);

export async function impactCommand(
  store: Store,
  args: { failed?: string; hours?: string; model?: string; json?: boolean },
): Promise<number> {
  const failed = list(args.failed);
  if (failed.length === 0) throw new Error('impact needs --failed ID[,ID…]');
  const model = (args.model ?? 'discrete').toUpperCase();
  if (model !== 'DISCRETE' && model !== 'INOPERABILITY')
    throw new Error('--model must be discrete or inoperability');
  const { graph, version } = await loadProjection(store);
  const options: ImpactOptions = {
    failed: failed.map((id) => ({ id })),
    durationHours: number('hours', args.hours),
    model,
  };
  const r = impact(graph, options);
  if (args.json) {
    console.log(JSON.stringify({ graphVersion: String(version), ...r }, null, 2));
    return 0;
  }
  const s = r.summary;
  console.log(
    `Outage of ${failed.join(', ')} for ${args.hours ? `${args.hours} h` : 'an indefinite time'} (${model.toLowerCase()}):`,
  );
  console.log(
    `  ${s.failed} failed, ${s.degraded} degraded; workflows ${s.workflowsFailed} failed, ${s.workflowsDegraded} degraded; ${s.organizationsAffected} organizations affected`,
  );
  if (s.functions.length) console.log('\nCritical functions (capacity loss):');
  for (const f of s.functions) {
    const name = graph.names[graph.indexOf(f.functionId)];
    console.log(
      `  ${(f.capacityLoss * 100).toFixed(1).padStart(5)}%  ${name} (${f.failedWorkflows} failed, ${f.degradedWorkflows} degraded)`,
    );
  }
  console.log('\nAffected (state, disrupted, failed, entity ← cause … ← failed; why):');
  for (const a of explainImpact(graph, r, options)) {
    console.log(
      `  ${a.state.padEnd(8)} ${hours(a.disruptedAtHours).padStart(9)} ${hours(a.failedAtHours).padStart(9)}  ${a.because.join(' ← ')}`,
    );
    console.log(`  ${' '.repeat(28)}${a.reasonText}`);
  }
  return 0;
}

export async function pathsCommand(
  store: Store,
  args: { from?: string; to?: string; depth?: string; limit?: string; json?: boolean },
): Promise<number> {
  if (!args.from) throw new Error('paths needs --from ID');
  const toKinds = list(args.to ?? 'WORKFLOW').map((k) => k.toUpperCase()) as EntityKind[];
  for (const k of toKinds)
    if (!ENTITY_KINDS.includes(k)) throw new Error(`--to: '${k}' is not one of ${ENTITY_KINDS.join(', ')}`);
  const limit = number('limit', args.limit) ?? 100;
  if (!Number.isInteger(limit) || limit < 0)
    throw new Error(`--limit must be an integer ≥ 0, not '${args.limit}'`);
  const { graph } = await loadProjection(store);
  // One path past the limit tells whether the list was cut (the engine stops at its
  // limit without saying so); paths come out in a fixed order, so the first `limit` are
  // the same either way.
  const more = paths(graph, args.from, {
    toKinds,
    maxDepth: number('depth', args.depth),
    limit: limit + 1,
  });
  const truncated = more.length > limit;
  const found = truncated ? more.slice(0, limit) : more;
  if (args.json) {
    console.log(JSON.stringify({ paths: found, truncated }, null, 2));
    return 0;
  }
  for (const p of found) console.log(`${p.length}  ${p.nodes.join(' → ')}`);
  console.log(
    truncated
      ? `${found.length} path(s): showing the first ${limit}; more exist (use --limit N for more)`
      : `${found.length} path(s)`,
  );
  return 0;
}
