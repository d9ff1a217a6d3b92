// Every abuse limit of the API in one place, with its default and its environment
// variable. createApi takes overrides (tests use small ones).
import { availableParallelism } from 'node:os';
import { type ReadLimits, UPLOAD_READ_LIMITS, readLimitsFromEnv } from '@smart/templates';

export interface SecurityLimits {
  /** Deepest selection nesting an operation may have. */
  maxDepth: number;
  /** Aliases per operation. */
  maxAliases: number;
  /** Directives per operation. */
  maxDirectives: number;
  /** Lexical tokens per document (checked while parsing). */
  maxTokens: number;
  /** graphql-armor's shape cost (objects, scalars, depth, `first`). */
  maxCost: number;
  /** Cost of the analyses of one operation, priced by their work on the current graph; see ./cost. */
  maxAnalysisCost: number;
  /** Operations holding an analysis that one user may run at once; more are refused (429 BUSY). */
  maxConcurrentAnalysesPerUser: number;
  /** Estimated bytes of cached analysis results (rankings…), least recently used dropped first. */
  analysisCacheBytes: number;
  /** Worker threads that run analyses (SMART_ANALYSIS_WORKERS, default: the machine's cores). */
  analysisWorkers: number;
  /** Nice value of the analysis threads (SMART_ANALYSIS_NICE, 0–19, default 10): below the request loop. */
  analysisNice: number;
  /** Analysis tasks that may wait for a worker; past it the API answers 503 BUSY at once. */
  analysisQueue: number;
  /** Longest an analysis task may run (SMART_QUERY_TIMEOUT_MS, as a Neo4j transaction); then it is stopped. */
  analysisTimeoutMs: number;
  /** Quiet time after a write before the default risk ranking is recomputed in the background. */
  riskRefreshMs: number;
  /**
   * How long a request waits for this process's first projection before it is answered
   * 503 BUSY (the load goes on); the first load at L takes about a minute.
   */
  projectionWaitMs: number;
  /** Body of a GraphQL request. */
  bodyLimitBytes: number;
  /** Body of an importTemplate mutation sent by an ANALYST or ADMIN (a base64 workbook). */
  importBodyLimitBytes: number;
  /** Overall time for one GraphQL request (Neo4j has its own per-transaction timeout). */
  requestTimeoutMs: number;
  /** Overall time for an importTemplate request. */
  importTimeoutMs: number;
  /** GraphQL requests per minute per token. */
  requestsPerMinute: number;
  /** GraphQL requests per minute per client IP without a valid token. */
  anonymousRequestsPerMinute: number;
  /** Failed password sign-ins per 15 minutes per client IP. */
  loginFailuresPer15Min: number;
  /** How often each replica shares its request counts through Neo4j (ms). */
  rateSyncMs: number;
  /**
   * What reading one uploaded template may cost (zip/xlsx inflation, rows per
   * table, problems listed); SMART_IMPORT_* variables, see @smart/templates.
   */
  templateLimits: ReadLimits;
  /** Requests to /auth/login, /auth/session and /auth/logout per minute per client IP. */
  signInRequestsPerMinute: number;
  /** Failed sign-ins per (username, IP) before the backoff delays the next one. */
  signInFreeFailures: number;
  /** The longest backoff per (username, IP). */
  signInBackoffMaxMs: number;
  /** Failed sign-ins per username, from any IP, before the backoff delays the next one. */
  signInUserFreeFailures: number;
  /** The longest backoff per username from any IP: the most a fresh IP waits. */
  signInUserBackoffMaxMs: number;
}

const MB = 1024 * 1024;

function envNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not '${raw}'`);
  return n;
}

/** SMART_ANALYSIS_NICE: 0 (the request loop's priority) to 19 (the lowest); default 10. */
function envNice(env: NodeJS.ProcessEnv): number {
  const raw = env.SMART_ANALYSIS_NICE;
  if (raw === undefined || raw === '') return 10;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 19)
    throw new Error(`SMART_ANALYSIS_NICE must be a whole number from 0 to 19, not '${raw}'`);
  return n;
}

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): SecurityLimits {
  const queryTimeout = envNumber(env, 'SMART_QUERY_TIMEOUT_MS', 30_000);
  return {
    maxDepth: 10,
    maxAliases: 30,
    maxDirectives: 20,
    maxTokens: 5_000,
    maxCost: 20_000,
    maxAnalysisCost: envNumber(env, 'SMART_MAX_ANALYSIS_COST', 1_000),
    maxConcurrentAnalysesPerUser: envNumber(env, 'SMART_MAX_CONCURRENT_ANALYSES', 4),
    analysisCacheBytes: envNumber(env, 'SMART_ANALYSIS_CACHE_MB', 64) * MB,
    analysisWorkers: Math.max(
      1,
      Math.floor(envNumber(env, 'SMART_ANALYSIS_WORKERS', availableParallelism())),
    ),
    analysisNice: envNice(env),
    analysisQueue: Math.max(
      1,
      Math.floor(envNumber(env, 'SMART_ANALYSIS_QUEUE', 8 * availableParallelism())),
    ),
    analysisTimeoutMs: queryTimeout,
    riskRefreshMs: envNumber(env, 'SMART_RISK_REFRESH_MS', 2_000),
    projectionWaitMs: envNumber(env, 'SMART_PROJECTION_WAIT_MS', 20_000),
    bodyLimitBytes: 1 * MB,
    importBodyLimitBytes: 32 * MB,
    // Past the Neo4j transaction timeout, with room for the engine's work.
    requestTimeoutMs: envNumber(env, 'SMART_REQUEST_TIMEOUT_MS', queryTimeout + 30_000),
    importTimeoutMs: envNumber(env, 'SMART_IMPORT_TIMEOUT_MS', 30 * 60_000),
    requestsPerMinute: envNumber(env, 'SMART_RATE_LIMIT_PER_MINUTE', 1_200),
    anonymousRequestsPerMinute: envNumber(env, 'SMART_ANONYMOUS_RATE_LIMIT_PER_MINUTE', 120),
    loginFailuresPer15Min: envNumber(env, 'SMART_LOGIN_FAILURES_PER_15_MIN', 10),
    rateSyncMs: envNumber(env, 'SMART_RATE_SYNC_MS', 250),
    templateLimits: readLimitsFromEnv(env, UPLOAD_READ_LIMITS),
    signInRequestsPerMinute: envNumber(env, 'SMART_SIGN_IN_RATE_LIMIT_PER_MINUTE', 30),
    signInFreeFailures: 5,
    signInBackoffMaxMs: envNumber(env, 'SMART_SIGN_IN_BACKOFF_MAX_MS', 15 * 60_000),
    signInUserFreeFailures: 10,
    signInUserBackoffMaxMs: envNumber(env, 'SMART_SIGN_IN_USER_BACKOFF_MAX_MS', 30_000),
  };
}

export function formatBytes(n: number): string {
  return n >= MB ? `${Math.round(n / MB)} MB` : `${Math.round(n / 1024)} KB`;
}
