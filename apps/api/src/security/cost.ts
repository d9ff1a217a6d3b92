// A validation rule that prices analyses: one `impact` or `paths` is cheap to ask for
// and costly to answer, so an operation may hold only so many of them. Each field
// costs its weight; a field's sub-selection counts once per item asked for (`first`
// or `limit`, else an estimate for lists known to be long). graphql-armor's cost rule
// bounds the shape of a query; this one bounds the work behind it.
import {
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLType,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

// Duck-typed rather than isObjectType()/getNamedType(): the schema may come from
// another copy of graphql-js (Apollo's), which graphql's instanceof checks reject.
type WithFields = { name: string; getFields(): Record<string, { type: GraphQLType }> };
function hasFields(t: unknown): t is WithFields {
  return !!t && typeof (t as { getFields?: unknown }).getFields === 'function';
}
function namedType(t: GraphQLType): GraphQLNamedType {
  let cur = t as GraphQLType & { ofType?: GraphQLType };
  while (cur.ofType) cur = cur.ofType as GraphQLType & { ofType?: GraphQLType };
  return cur as GraphQLNamedType;
}

/** Work behind a field, in units (a plain lookup is 0). Keyed by `Type.field`. */
export const FIELD_WEIGHTS: Record<string, number> = {
  'Query.impact': 50,
  'Query.paths': 50,
  'Query.shortestPath': 20,
  'Query.systemicRisk': 200,
  'Query.fourthPartyConcentration': 50,
  'Query.concentrationMatrix': 50,
  'Query.compareScenarios': 100,
  'Query.neighborhood': 10,
  'Query.search': 2,
  'Query.searchHits': 2,
  // one pass over the projection per new filter (cached per graph version)
  'Query.singlePointsOfFailure': 50,
  'Query.dependencyAlternatives': 50,
  'Query.dependents': 2,
  'Query.dependencies': 1,
  'Query.stats': 1,
  'Query.auditEvents': 2,
  'Scenario.report': 50,
  'Mutation.saveScenario': 50,
  'Mutation.importTemplate': 100,
  'Mutation.createUser': 20,
  'Mutation.setUserPassword': 20,
};

/** Items a list field is assumed to return when no `first`/`limit` says. */
const LIST_ESTIMATES: Record<string, number> = {
  'Query.scenarios': 10,
};

function pageSize(field: FieldNode, key: string): number {
  for (const arg of field.arguments ?? []) {
    if ((arg.name.value === 'first' || arg.name.value === 'limit') && arg.value.kind === Kind.INT) {
      return Math.max(1, Number.parseInt(arg.value.value, 10));
    }
  }
  return LIST_ESTIMATES[key] ?? 1;
}

export function analysisCost(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  type: GraphQLNamedType | undefined,
  seen: Set<string> = new Set(),
): number {
  let cost = 0;
  for (const sel of selectionSet.selections) {
    if (sel.kind === Kind.FIELD) {
      const parent = hasFields(type) ? type : undefined;
      const def = parent?.getFields()[sel.name.value];
      const key = `${parent?.name ?? '?'}.${sel.name.value}`;
      const own = FIELD_WEIGHTS[key] ?? 0;
      const children = sel.selectionSet
        ? analysisCost(context, sel.selectionSet, def ? namedType(def.type) : undefined, seen)
        : 0;
      cost += own + (children > 0 ? children * pageSize(sel, key) : 0);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const cond = sel.typeCondition ? context.getSchema().getType(sel.typeCondition.name.value) : type;
      cost += analysisCost(context, sel.selectionSet, cond ?? type, seen);
    } else {
      const name = sel.name.value;
      if (seen.has(name)) continue; // a cycle; NoFragmentCycles reports it
      const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
      if (!fragment) continue;
      const cond = context.getSchema().getType(fragment.typeCondition.name.value) ?? undefined;
      cost += analysisCost(context, fragment.selectionSet, cond, new Set([...seen, name]));
    }
  }
  return cost;
}

export function analysisCostRule(maxCost: number): ValidationRule {
  return (context) => ({
    OperationDefinition(op) {
      const schema = context.getSchema();
      const root =
        op.operation === 'query'
          ? schema.getQueryType()
          : op.operation === 'mutation'
            ? schema.getMutationType()
            : schema.getSubscriptionType();
      const cost = analysisCost(context, op.selectionSet, root ?? undefined);
      if (cost > maxCost) {
        context.reportError(
          new GraphQLError(
            `this operation asks for too much analysis at once (cost ${cost}, limit ${maxCost}): ` +
              'send fewer impact, paths, systemicRisk or report fields per request, or smaller `first`/`limit`',
            { nodes: [op] },
          ),
        );
      }
    },
  });
}
