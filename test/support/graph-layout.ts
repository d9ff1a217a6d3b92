// Every array of a CompactGraph as plain values (NaN criticality as null), so two
// graphs compare with toEqual: a patched or replayed graph against one built from scratch.
import type { CompactGraph } from '@smart/engine';

const csr = (c: { offsets: ArrayLike<number>; targets: ArrayLike<number> }) => [
  Array.from(c.offsets),
  Array.from(c.targets),
];

export function graphLayout(g: CompactGraph) {
  return {
    ids: [...g.ids],
    kinds: Array.from(g.kinds),
    names: [...g.names],
    categories: [...g.categories],
    subsectors: [...g.subsectors],
    regions: [...g.regions],
    volumeUnits: [...g.volumeUnits],
    tolerance: Array.from(g.tolerance),
    workaroundCapacity: Array.from(g.workaroundCapacity),
    volume: Array.from(g.volume),
    criticality: Array.from(g.criticality, (c) => (Number.isNaN(c) ? null : c)),
    groupOffsets: Array.from(g.groupOffsets),
    groupOwner: Array.from(g.groupOwner),
    groupLabel: Array.from(g.groupLabelCode, (_, gr) => g.labelOf(gr)),
    labels: [...g.labels],
    groupStrength: Array.from(g.groupStrength),
    memberOffsets: Array.from(g.memberOffsets),
    members: Array.from(g.members),
    memberStrength: Array.from(g.memberStrength),
    dependentOffsets: Array.from(g.dependentOffsets),
    dependentGroups: Array.from(g.dependentGroups),
    parents: csr(g.parents),
    children: csr(g.children),
    supports: csr(g.supports),
    supportedBy: csr(g.supportedBy),
    functionVolume: Array.from(g.functionVolume),
    functionUnweighted: Array.from(g.functionUnweighted),
    stats: g.stats(),
  };
}
