// The gate around every analysis, wherever its work runs: before an operation that
// holds an analysis executes, (1) its user must have a free analysis slot (at most
// `maxConcurrentAnalysesPerUser` at once; a further one is refused at once with 429
// BUSY rather than queued), and (2) its price on the current graph (./cost) must fit
// `maxAnalysisCost`, and (3) the analysis pool must have room in its queue (else 503
// BUSY at once, never a wait). The slot is given back when the response is sent, or as
// soon as the client goes away (or the request passes its time limit): its tasks are
// stopped through the same signal, and a wait that is not stopped (the shared first
// ranking, a projection update) no longer counts against the user.
import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { type ProjectionSize, StoreUnavailableError } from '@smart/store';
import { GraphQLError } from 'graphql';
import { type AnalysisPool, BUSY_RETRY_AFTER_SECONDS, poolBusy } from '../analysis/pool';
import type { Context } from '../context';
import { unavailable } from '../errors';
import { costExceeded, demandsOf, isAnalysis, price } from './cost';
import type { SecurityLimits } from './limits';

/** Counts each user's running analyses; refuses past the limit instead of queueing. */
export class AnalysisGate {
  private readonly running = new Map<string, number>();

  constructor(readonly perUser: number) {}

  /** A release function, or null when `who` already runs `perUser` analyses. */
  tryEnter(who: string): (() => void) | null {
    const n = this.running.get(who) ?? 0;
    if (n >= this.perUser) return null;
    this.running.set(who, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(who) ?? 1) - 1;
      if (left > 0) this.running.set(who, left);
      else this.running.delete(who);
    };
  }

  runningFor(who: string): number {
    return this.running.get(who) ?? 0;
  }
}

export interface AnalysisHooks {
  /** Awaited once an analysis has its slot and its price passed, before it executes (tests hold it here). */
  analysisAdmitted?: (username: string) => Promise<void> | void;
  /**
   * Shared counters every analysis task passes in its worker thread: [0] tasks started,
   * [1] finished, [2] a bit per task ordinal that lets it run (tests hold tasks there).
   */
  taskGate?: Int32Array;
}

export function analysisGuardPlugin(
  limits: Pick<SecurityLimits, 'maxAnalysisCost' | 'maxConcurrentAnalysesPerUser'>,
  pool: Pick<AnalysisPool, 'saturated' | 'graphMayHaveChanged'>,
  hooks: AnalysisHooks = {},
  /** Shared with the routes that run analyses outside GraphQL (the CSV export). */
  gate = new AnalysisGate(limits.maxConcurrentAnalysesPerUser),
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let release: (() => void) | null = null;
      let mutation = false;
      return {
        async didResolveOperation({ document, operation, contextValue: ctx, request, schema }) {
          mutation = operation?.operation === 'mutation';
          // No principal: the authorization plugin refuses; never load anything for it.
          if (!operation || !ctx.principal) return;
          const demands = demandsOf(schema, document, operation, request.variables ?? {});
          if (demands.length === 0) return;
          const who = ctx.principal.username;
          if (demands.some(isAnalysis)) {
            release = gate.tryEnter(who);
            const signal = ctx.signal;
            if (release && signal) {
              const free = release;
              if (signal.aborted) free();
              else signal.addEventListener('abort', () => free(), { once: true });
            }
            if (!release) {
              throw new GraphQLError(
                `you already run ${gate.perUser} analyses at once; wait for one to finish and try again`,
                {
                  extensions: {
                    code: 'BUSY',
                    http: {
                      status: 429,
                      headers: new HeaderMap([['retry-after', String(BUSY_RETRY_AFTER_SECONDS)]]),
                    },
                  },
                },
              );
            }
          }
          let size: ProjectionSize | null = null;
          let scenarios = 0;
          try {
            if (demands.some(isAnalysis)) size = await ctx.analysis.size();
            if (demands.some((d) => d.perScenario !== null)) scenarios = await ctx.scenarioRepository.count();
          } catch (err) {
            // Outside execution Apollo would answer 500: say 503, as a resolver's outage does.
            if (err instanceof StoreUnavailableError) throw unavailable();
            throw err;
          }
          const priced = price(demands, size, scenarios);
          if (priced.total > limits.maxAnalysisCost) throw costExceeded(priced, limits.maxAnalysisCost, size);
          // Every worker busy and the queue full: say so now (503 BUSY), do not queue further.
          if (demands.some(isAnalysis) && pool.saturated()) throw poolBusy();
          if (release) await hooks.analysisAdmitted?.(who);
        },
        async willSendResponse() {
          release?.();
          release = null;
          // A write may have moved the graph: the default ranking is refreshed once writes settle.
          if (mutation) pool.graphMayHaveChanged();
        },
      };
    },
  };
}
