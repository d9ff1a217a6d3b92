import { describe, expect, it } from 'vitest';
import {
  type CanvasNodeAttributes,
  chainHighlight,
  type DisplayContext,
  edgeDisplay,
  emptyDisplayContext,
  nodeDisplay,
} from '../src/explorer/display';
import { DIMMED_COLOR, STATE_META } from '../src/explorer/kinds';

const attrs: CanvasNodeAttributes = {
  x: 0,
  y: 0,
  size: 5,
  color: '#000',
  baseColor: '#0072B2',
  label: 'Acme',
  shape: 1,
};
const ctx = (patch: Partial<DisplayContext>): DisplayContext => ({ ...emptyDisplayContext(), ...patch });

describe('canvas reducers', () => {
  it('draws a node in its kind colour by default', () => {
    expect(nodeDisplay('a', attrs, emptyDisplayContext())).toMatchObject({ color: '#0072B2', label: 'Acme' });
  });

  it('hides filtered nodes and their edges', () => {
    const c = ctx({ hidden: new Set(['a']) });
    expect(nodeDisplay('a', attrs, c).hidden).toBe(true);
    expect(edgeDisplay('e', 'a', 'b', { size: 1, color: '#ccc' }, c).hidden).toBe(true);
    expect(edgeDisplay('e', 'b', 'c', { size: 1, color: '#ccc' }, c).hidden).toBeUndefined();
  });

  it('marks impact states by colour, rim and label prefix; dims the rest', () => {
    const c = ctx({
      states: new Map([
        ['a', 'FAILED'],
        ['b', 'DEGRADED'],
      ]),
    });
    const a = nodeDisplay('a', attrs, c);
    expect(a.color).toBe(STATE_META.FAILED.color);
    expect(a.label).toBe('✕ Acme');
    expect(a.borderSize).toBeGreaterThan(0);
    expect(nodeDisplay('b', attrs, c).label).toBe('◐ Acme');
    const other = nodeDisplay('z', attrs, c);
    expect(other.color).toBe(DIMMED_COLOR);
    expect(other.label).toBe('');
    expect(edgeDisplay('e', 'a', 'b', { size: 1, color: '' }, c).color).not.toBe(
      edgeDisplay('f', 'a', 'z', { size: 1, color: '' }, c).color,
    );
  });

  it('brings a highlighted chain forward over everything else', () => {
    const c = ctx({ highlightNodes: new Set(['a', 'b']), highlightEdges: new Set(['ab']) });
    expect(nodeDisplay('a', attrs, c)).toMatchObject({ forceLabel: true, color: '#0072B2' });
    expect(nodeDisplay('z', attrs, c).color).toBe(DIMMED_COLOR);
    expect(edgeDisplay('ab', 'a', 'b', { size: 1, color: '' }, c).size).toBeGreaterThan(1);
  });

  it('keeps the selected node labelled even when dimmed', () => {
    const c = ctx({ selected: 'z', highlightNodes: new Set(['a']) });
    expect(nodeDisplay('z', attrs, c)).toMatchObject({ label: 'Acme', forceLabel: true, highlighted: true });
  });

  it('emphasises the hovered node and its neighbours', () => {
    const c = ctx({ hovered: 'a', hoverSet: new Set(['a', 'b']) });
    expect(nodeDisplay('b', attrs, c).color).toBe('#0072B2');
    expect(nodeDisplay('z', attrs, c).color).toBe(DIMMED_COLOR);
  });

  it('finds the edges of a chain in either direction', () => {
    const edges = new Map([
      ['x>y', 'e1'],
      ['z>y', 'e2'],
    ]);
    const h = chainHighlight(['x', 'y', 'z'], (a, b) => edges.get(`${a}>${b}`));
    expect(h.nodes).toEqual(new Set(['x', 'y', 'z']));
    expect(h.edges).toEqual(new Set(['e1', 'e2']));
  });
});
