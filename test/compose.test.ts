// docker compose cannot run on the build machines (no Docker engine): this keeps the
// file's wiring correct by reading it.
import { readFileSync } from 'node:fs';
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
    expect(api?.ports).toContain('4000:4000');
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
    for (const ws of ['apps/api', 'apps/web', 'packages/store', 'packages/engine', 'packages/cli']) {
      expect(dockerfile).toContain(`COPY ${ws}/package.json`);
    }
  });
});
