// Critical-function capacity loss as a horizontal SVG bar chart, worst first.
import { useRef } from 'react';
import { percent } from '../explorer/details';
import { useWidth } from '../ui/useWidth';
import type { Report } from './report';

// Each row: the function's full name on one line, its bar below (names are long).
// Drawn at the container's pixel width so text keeps its size.
const ROW = 32;
const VALUE_W = 50;

export function CapacityChart({ functions }: { functions: Report['summary']['functions'] }) {
  const rows = [...functions].sort(
    (a, b) => b.capacityLoss - a.capacityLoss || a.function.name.localeCompare(b.function.name),
  );
  const box = useRef<HTMLElement>(null);
  const width = Math.min(720, useWidth(box, 350));
  const BAR_W = width - VALUE_W;
  if (rows.length === 0)
    return <p className="muted small">No critical function is supported by an affected workflow.</p>;
  const height = rows.length * ROW + 16;
  return (
    <figure className="chart" ref={box}>
      <figcaption>Critical-function capacity loss</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-label={rows.map((r) => `${r.function.name}: ${percent(r.capacityLoss)} lost`).join('; ')}
      >
        {[0, 0.5, 1].map((t) => (
          <g key={t}>
            <line x1={t * BAR_W} x2={t * BAR_W} y1={12} y2={rows.length * ROW} className="gridline" />
            <text
              x={t * BAR_W}
              y={height - 3}
              textAnchor={t === 0 ? 'start' : t === 1 ? 'end' : 'middle'}
              className="axis"
            >
              {t * 100}%
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = i * ROW;
          const w = Math.max(r.capacityLoss > 0 ? 2 : 0, r.capacityLoss * BAR_W);
          return (
            <g key={r.function.id}>
              <title>
                {r.function.name}: {percent(r.capacityLoss)} of capacity lost ({r.failedWorkflows} workflows
                failed, {r.degradedWorkflows} degraded)
              </title>
              <text x={0} y={y + 11} className="bar-label">
                {clip(r.function.name, Math.floor(width / 6.2))}
              </text>
              <rect x={0} y={y + 15} width={BAR_W} height={11} className="bar-track" rx={2} />
              <rect x={0} y={y + 15} width={w} height={11} className="bar" rx={2} />
              <text x={BAR_W + 6} y={y + 25} className="bar-value">
                {percent(r.capacityLoss)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
