// docker compose cannot run on the build machines (no Docker engine): this keeps the
// file's wiring correct by reading it.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Service {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

describe('docker-compose.yml', () => {
  const { neo4j, api } = compose.services;

  it('runs Neo4j 5.26 Community with auth, a healthcheck and a named data volume', () => {
    expect(neo4j?.image).toBe('neo4j:5.26-community');
    expect(neo4j?.environment?.NEO4J_AUTH).toMatch(/^neo4j\//);
    expect(neo4j?.healthcheck?.test.join(' ')).toContain('cypher-shell');
    const volume = neo4j?.volumes?.[0]?.split(':');
    expect(volume?.[1]).toBe('/data');
    expect(Object.keys(compose.volumes)).toContain(volume?.[0]);
  });

  it('builds the API from the Dockerfile and starts it only once Neo4j is healthy', () => {
    expect(api?.build).toBe('.');
    expect(api?.depends_on?.neo4j?.condition).toBe('service_healthy');
  });

  it('publishes the API on 127.0.0.1 unless told otherwise', () => {
    expect(api?.ports).toHaveLength(1);
    const published = api!.ports![0]!;
    // host address : host port : container port, each possibly a ${VAR:-default}
    const parts = published.match(/(\$\{[^}]*\}|[^:]+)/g)!;
    expect(parts).toHaveLength(3);
    expect(parts[0]).toMatch(/^(127\.0\.0\.1|\$\{\w+:-127\.0\.0\.1\})$/);
    expect(parts[2]).toBe('4000');
  });

  it('has no default Neo4j password: both services require NEO4J_PASSWORD like SMART_SECRET', () => {
    expect(api?.environment?.NEO4J_PASSWORD).toMatch(/^\$\{NEO4J_PASSWORD:\?[^}]+\}$/);
    expect(neo4j?.environment?.NEO4J_AUTH).toMatch(/^neo4j\/\$\{NEO4J_PASSWORD:\?[^}]+\}$/);
    expect(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8')).not.toMatch(
      /NEO4J_PASSWORD:-/,
    );
  });

  it('checks Neo4j health without a password on any command line', () => {
    const test = neo4j!.healthcheck!.test;
    expect(test[0]).toBe('CMD-SHELL');
    const shell = test.slice(1).join(' ');
    // The password reaches cypher-shell through its environment only ($$ is compose's
    // escape for a $ the container's shell expands).
    expect(shell).toMatch(/NEO4J_PASSWORD="\$\$\{NEO4J_AUTH#neo4j\/\}" cypher-shell /);
    const cypherShellArgs = shell.slice(shell.indexOf('cypher-shell'));
    expect(cypherShellArgs).not.toMatch(/(^|\s)(-p|--password)(\s|=)/);
    expect(cypherShellArgs).not.toContain('NEO4J_AUTH');
  });

  it('imports demo data only when asked (SMART_DEMO=1)', () => {
    expect(api?.environment?.SMART_DEMO).toMatch(/^\$\{SMART_DEMO:-0\}$/);
    expect(api?.environment?.NODE_ENV).toBe('production');
  });

  it('keeps .env files out of the image', () => {
    const ignored = readFileSync(new URL('../.dockerignore', import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    expect(ignored).toContain('.env');
    expect(ignored).toContain('.env.*');
  });

  it('points the API at the neo4j service with the same password', () => {
    expect(api?.environment?.NEO4J_URI).toBe('bolt://neo4j:7687');
    const apiPassword = api?.environment?.NEO4J_PASSWORD;
    expect(neo4j?.environment?.NEO4J_AUTH).toBe(`neo4j/${apiPassword}`);
    expect(api?.environment?.HOST).toBe('0.0.0.0');
    expect(api?.environment?.SMART_SECRET).toMatch(/\$\{SMART_SECRET:\?/);
  });

  it('has a Dockerfile that installs with the lock file and builds the web app', () => {
    const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toContain('npm ci');
    expect(dockerfile).toContain('npm run build');
    // npm ci needs every workspace's package.json before the sources are copied.
    const workspaces = ['apps', 'packages', 'tools'].flatMap((dir) =>
      readdirSync(new URL(`../${dir}`, import.meta.url)).map((name) => `${dir}/${name}`),
    );
    expect(workspaces.length).toBeGreaterThan(8);
    for (const ws of workspaces) expect(dockerfile).toContain(`COPY ${ws}/package.json ${ws}/`);
  });
});

describe('docker-compose.yml, profile replicas', () => {
  const {
    api,
    neo4j: _neo4j,
    ...rest
  } = compose.services as Record<string, Service & { profiles?: string[]; image?: string }>;
  const replica = rest['api-2'];
  const proxy = rest.proxy;

  it('runs a second API replica on the same Neo4j, with the same secret, that never imports the demo', () => {
    expect(replica?.profiles).toEqual(['replicas']);
    expect(replica?.build).toBe('.');
    for (const key of ['NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD', 'SMART_SECRET', 'NODE_ENV'])
      expect(replica?.environment?.[key], key).toBe(api?.environment?.[key]);
    expect(replica?.environment?.SMART_DEMO).toBe('0');
    expect(replica?.depends_on?.neo4j?.condition).toBe('service_healthy');
    expect(replica?.ports).toBeUndefined();
  });

  it('puts a proxy in front of both replicas, on loopback unless told otherwise', () => {
    expect(proxy?.profiles).toEqual(['replicas']);
    expect(proxy?.depends_on?.api?.condition).toBe('service_healthy');
    expect(proxy?.depends_on?.['api-2']?.condition).toBe('service_healthy');
    expect(proxy?.ports?.[0]).toMatch(/^\$\{SMART_PUBLISH_ADDRESS:-127\.0\.0\.1\}:/);
    const caddy = readFileSync(new URL('../deploy/Caddyfile', import.meta.url), 'utf8');
    expect(caddy).toMatch(/reverse_proxy api:4000 api-2:4000/);
    expect(caddy).toMatch(/health_uri \/readyz/);
    expect(proxy?.volumes?.[0]).toBe('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
  });
});
