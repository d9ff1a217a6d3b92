// The kind's canvas shape as a small SVG, for the legend, lists and search results.
import type { EntityKind } from '../generated/graphql';
import { KIND_META, type Shape } from '../explorer/kinds';

const PATHS: Record<Shape, string> = {
  circle: 'M8 1.5a6.5 6.5 0 1 0 0.001 0Z',
  square: 'M2.5 2.5h11v11h-11Z',
  diamond: 'M8 1l7 7-7 7-7-7Z',
  triangle: 'M8 1.8l6.8 11.8H1.2Z',
  hexagon: 'M8 1.2l5.9 3.4v6.8L8 14.8l-5.9-3.4V4.6Z',
  star: 'M8 1l2.1 4.6 5 .5-3.8 3.3 1.1 4.9L8 11.8l-4.4 2.5 1.1-4.9L.9 6.1l5-.5Z',
};

export function KindIcon({ kind, color, size = 14 }: { kind: EntityKind; color?: string; size?: number }) {
  const meta = KIND_META[kind];
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" className="kind-icon">
      <path d={PATHS[meta.shape]} fill={color ?? meta.color} stroke="#1d2433" strokeOpacity={0.35} />
    </svg>
  );
}

export function KindLabel({ kind }: { kind: EntityKind }) {
  return (
    <span className="kind-label">
      <KindIcon kind={kind} />
      {KIND_META[kind].label}
    </span>
  );
}
