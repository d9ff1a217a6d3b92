// A minimal GraphQL-over-HTTP client for the benchmarks: one POST per call over a
// keep-alive connection, timed from sending the request to having the whole body.

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

export interface Timed<T> {
  ms: number;
  bytes: number;
  data: T;
}

/**
 * The queries the benchmarks send: what the web app asks for an impact report (its
 * summary and the first page of 100 affected entities), paths and the ranking.
 */
export const QUERIES = {
  impact: `query BenchImpact($input: ImpactInput!) {
  impact(input: $input) {
    graphVersion
    summary {
      failed degraded workflowsFailed workflowsDegraded organizationsAffected
      functions { function { id name } capacityLoss failedWorkflows degradedWorkflows }
    }
    affected(first: 100) {
      totalCount
      edges { cursor node { entity { id name kind } state disruptedAtHours failedAtHours because } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`,
  /** The same analysis with less asked for: where the end-to-end time goes. */
  impactSummaryOnly: `query BenchImpactSummary($input: ImpactInput!) {
  impact(input: $input) {
    graphVersion
    summary { failed degraded workflowsFailed workflowsDegraded organizationsAffected }
  }
}`,
  impactNoEntity: `query BenchImpactNoEntity($input: ImpactInput!) {
  impact(input: $input) {
    graphVersion
    summary { failed degraded workflowsFailed workflowsDegraded organizationsAffected }
    affected(first: 100) { totalCount edges { node { state disruptedAtHours failedAtHours because } } }
  }
}`,
  paths: `query BenchPaths($from: ID!) {
  paths(from: $from, toKinds: [WORKFLOW], limit: 100) { length nodes { id name kind } }
}`,
  systemicRisk: `query BenchRisk($hours: Float) {
  systemicRisk(kinds: [SUPPLIER], durationHours: $hours, first: 500) {
    entity { id name kind }
    score directDependents organizationsAffected workflowsFailed functionsImpaired singlePointOfFailureFor capacityLoss
  }
}`,
  mitigations: `query BenchMitigations($input: ImpactInput!) {
  mitigations(input: $input, first: 10) {
    kind workflowsSaved organizationsSpared capacityLossReduction explanation
    changes { addDependency { from to group strength } removeDependency { from to } setWorkflow { id toleranceHours } }
  }
}`,
  search: `query BenchSearch($text: String!) { search(text: $text, first: 20) { id name kind } }`,
  neighborhood: `query BenchNeighborhood($id: ID!) {
  neighborhood(id: $id, depth: 1, limit: 200) {
    nodes { id name kind subsector category dependents }
    edges { id source target type group strength }
    truncated
  }
}`,
  stats: 'query BenchStats { stats { graphVersion dependencies counts { kind count } } }',
} as const;

export class GraphQLClient {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  headers(): Record<string, string> {
    return { 'content-type': 'application/json', authorization: `Bearer ${this.token}` };
  }

  body(query: string, variables: Record<string, unknown> = {}): string {
    return JSON.stringify({ query, variables });
  }

  /** One request; throws on an HTTP error or a GraphQL error (a benchmark never times failures). */
  async request<T = unknown>(query: string, variables: Record<string, unknown> = {}): Promise<Timed<T>> {
    const body = this.body(query, variables);
    let t0 = performance.now();
    let res: Response;
    try {
      res = await fetch(`${this.url}/graphql`, { method: 'POST', headers: this.headers(), body });
    } catch (err) {
      // A keep-alive socket the server closed while idle (its keepAliveTimeout is 5 s, and
      // in-process measurements can take longer): queries are idempotent, so send again, timed afresh.
      if (!(err instanceof TypeError)) throw err;
      t0 = performance.now();
      res = await fetch(`${this.url}/graphql`, { method: 'POST', headers: this.headers(), body });
    }
    const text = await res.text();
    const ms = performance.now() - t0;
    let parsed: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new GraphQLRequestError(`HTTP ${res.status}: not JSON: ${text.slice(0, 200)}`, res.status, text);
    }
    if (!res.ok || parsed.errors?.length || !parsed.data) {
      const e = parsed.errors?.[0];
      throw new GraphQLRequestError(
        `HTTP ${res.status}: ${e ? `${e.extensions?.code ?? ''} ${e.message}` : text.slice(0, 200)}`,
        res.status,
        text,
      );
    }
    return { ms, bytes: Buffer.byteLength(text), data: parsed.data };
  }
}
