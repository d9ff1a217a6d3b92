// provenance.graphql: Entity.provenance and Dependency.provenance (issue 13 item 3).
// A reader scoped to organizations sees none: a contributor names another organization.
// Read through the request's EntityLoader, so every entity and edge asking in one tick
// (a details panel's dependencies, a path's edges) shares one query.
import type { EntityRecord } from '@smart/store';
import type { Context } from '../context';
import type { Resolvers } from '../generated/resolvers';

const ofEntity = (e: EntityRecord, _a: unknown, ctx: Context) =>
  ctx.scope.restricted ? [] : ctx.entities.entityProvenance(e.id);

export const provenanceResolvers: Resolvers = {
  Organization: { provenance: ofEntity },
  Supplier: { provenance: ofEntity },
  Service: { provenance: ofEntity },
  Asset: { provenance: ofEntity },
  Workflow: { provenance: ofEntity },
  CriticalFunction: { provenance: ofEntity },
  Dependency: {
    provenance: (d, _a, ctx) => (ctx.scope.restricted ? [] : ctx.entities.dependencyProvenance(d.from, d.to)),
  },
};
