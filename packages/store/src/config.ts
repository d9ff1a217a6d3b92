// Where the store connects. NEO4J_URI may be bolt:// or a neo4j:// routing URI (cluster).
export interface StoreConfig {
  uri: string;
  user: string;
  password: string;
  database?: string;
  /** Per-transaction timeout in ms; Neo4j aborts longer transactions. */
  queryTimeoutMs: number;
  /**
   * How many graph versions the change log keeps (SMART_CHANGE_LOG_RETENTION, default
   * 1000): a projection further behind than this rebuilds in full.
   */
  changeLogRetention?: number;
}

export const DEFAULT_CHANGE_LOG_RETENTION = 1000;

export function changeLogRetention(config: StoreConfig): number {
  return config.changeLogRetention ?? DEFAULT_CHANGE_LOG_RETENTION;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  return {
    // An empty NEO4J_URI means the local server, as the CLI reads it.
    uri: env.NEO4J_URI || `bolt://127.0.0.1:${env.NEO4J_BOLT_PORT ?? 7687}`,
    user: env.NEO4J_USER ?? 'neo4j',
    password: env.NEO4J_PASSWORD ?? 'smart-graph-local',
    database: env.NEO4J_DATABASE || undefined,
    queryTimeoutMs: Number(env.SMART_QUERY_TIMEOUT_MS ?? 30_000),
    changeLogRetention: retentionFromEnv(env.SMART_CHANGE_LOG_RETENTION),
  };
}

function retentionFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_CHANGE_LOG_RETENTION;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(
      `SMART_CHANGE_LOG_RETENTION must be a whole number of versions, 1 or more (got '${value}')`,
    );
  return n;
}
