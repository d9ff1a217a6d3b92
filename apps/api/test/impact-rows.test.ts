// Which impact selections read affected rows: only a summary (and graphVersion) does not,
// so the worker neither explains nor sends back a hub's tens of thousands of rows.
import { type FragmentDefinitionNode, type OperationDefinitionNode, Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { asksForRows, onlyAffectedPage } from '../src/resolvers/impact';

/** The resolve info `impact` gets for this document: its field nodes and the fragments. */
function infoOf(query: string) {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fieldNodes = op.selectionSet.selections.filter(
    (s) => s.kind === Kind.FIELD && s.name.value === 'impact',
  ) as never[];
  const fragments = Object.fromEntries(
    doc.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  return { fieldNodes, fragments };
}

const I = 'input: { failed: [{ id: "sup-ch1" }] }';

describe('asksForRows', () => {
  it('is false for the summary and the graph version alone', () => {
    expect(
      asksForRows(
        infoOf(
          `{ impact(${I}) { summary { failed functions { capacityLoss failedWorkflows } } graphVersion __typename } }`,
        ),
      ),
    ).toBe(false);
  });

  it('is true as soon as any other field of the report is read', () => {
    for (const field of [
      'affected(first: 5) { totalCount }',
      'timeline { hour }',
      'organizationGroups { organizations }',
    ])
      expect(asksForRows(infoOf(`{ impact(${I}) { summary { failed } ${field} } }`))).toBe(true);
  });

  it('follows inline fragments and named fragments, also nested and repeated', () => {
    expect(asksForRows(infoOf(`{ impact(${I}) { ... on ImpactReport { summary { failed } } } }`))).toBe(
      false,
    );
    expect(
      asksForRows(infoOf(`{ impact(${I}) { ...S } } fragment S on ImpactReport { summary { failed } }`)),
    ).toBe(false);
    expect(
      asksForRows(
        infoOf(
          `{ impact(${I}) { ...S ...S } } fragment S on ImpactReport { summary { failed } ...R } fragment R on ImpactReport { affected { totalCount } }`,
        ),
      ),
    ).toBe(true);
  });

  it('is true when the same field is asked twice and one asks for rows', () => {
    expect(
      asksForRows(infoOf(`{ impact(${I}) { summary { failed } } impact(${I}) { affected { totalCount } } }`)),
    ).toBe(true);
  });
});

describe('onlyAffectedPage', () => {
  const page = (q: string) => onlyAffectedPage(infoOf(q));

  it('names the one affected field when it is the only field that reads rows', () => {
    const node = page(
      `{ impact(${I}) { summary { failed } graphVersion affected(first: 5) { totalCount } } }`,
    );
    expect(node?.name.value).toBe('affected');
    expect(node?.arguments?.map((a) => a.name.value)).toEqual(['first']);
    // through a fragment and an inline fragment, as the web app asks
    const viaFragments = page(
      `query { impact(${I}) { ...R } } fragment R on ImpactReport { summary { failed } ... on ImpactReport { affected(first: 2, states: [FAILED]) { totalCount } } }`,
    );
    expect(viaFragments?.arguments?.map((a) => a.name.value)).toEqual(['first', 'states']);
  });

  it('is null when another row-reading field, a second affected, or a directive is there', () => {
    for (const q of [
      `{ impact(${I}) { summary { failed } } }`,
      `{ impact(${I}) { affected(first: 5) { totalCount } timeline { atHours } } }`,
      `{ impact(${I}) { affected(first: 5) { totalCount } organizations { totalCount } } }`,
      `{ impact(${I}) { a: affected(first: 5) { totalCount } b: affected(first: 9) { totalCount } } }`,
      `query($x: Boolean!) { impact(${I}) { affected(first: 5) @include(if: $x) { totalCount } } }`,
      `query($x: Boolean!) { impact(${I}) { summary @skip(if: $x) { failed } affected { totalCount } } }`,
    ])
      expect(page(q)).toBeNull();
  });
});
