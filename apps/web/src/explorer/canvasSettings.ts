// The explorer canvas's Sigma settings, shared with the render benchmark
// (tools/bench/render), which draws big scenes exactly as the explorer does.
import type { Settings } from 'sigma/settings';
import { drawNodeLabel, LABEL_CELL } from './labels';
import { NodeShapeProgram } from './nodeProgram';

export const CANVAS_SETTINGS: Partial<Settings> = {
  defaultNodeType: 'shape',
  nodeProgramClasses: { shape: NodeShapeProgram },
  defaultEdgeType: 'arrow',
  renderEdgeLabels: false,
  enableEdgeEvents: false,
  hideEdgesOnMove: true,
  hideLabelsOnMove: true,
  zIndex: true,
  labelFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  labelSize: 12,
  labelWeight: '500',
  labelColor: { color: '#1d2433' },
  // Sigma's grid proposes a label per 60-px cell; labels.ts cuts them short, keeps them
  // inside the canvas and leaves out any that would overlap one already drawn.
  labelDensity: 1,
  labelGridCellSize: LABEL_CELL,
  labelRenderedSizeThreshold: 7,
  defaultDrawNodeLabel: drawNodeLabel,
  minCameraRatio: 0.03,
  maxCameraRatio: 4,
  stagePadding: 40,
  allowInvalidContainer: true,
};
