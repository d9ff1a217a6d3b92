// Where the store connects. NEO4J_URI may be bolt:// or a neo4j:// routing URI (cluster).
export interface StoreConfig {
  uri: string;
  user: string;
  password: string;
  database?: string;
  /** Per-transaction timeout in ms; Neo4j aborts longer transactions. */
  queryTimeoutMs: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  return {
    uri: env.NEO4J_URI ?? `bolt://127.0.0.1:${env.NEO4J_BOLT_PORT ?? 7687}`,
    user: env.NEO4J_USER ?? 'neo4j',
    password: env.NEO4J_PASSWORD ?? 'smart-graph-local',
    database: env.NEO4J_DATABASE || undefined,
    queryTimeoutMs: Number(env.SMART_QUERY_TIMEOUT_MS ?? 30_000),
  };
}
