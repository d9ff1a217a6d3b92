// @vitest-environment happy-dom
// The framing hook: a request is served at once when the layout has settled, waits
// while it runs (the last request wins), and a long force layout is framed early.
import { cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { testSigma } from '../../../test/support/testSigma';
import { useFraming } from './useFraming';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

/** A graph of n nodes in a row; node i at (i, 2i). */
function withNodes(n: number) {
  const t = testSigma();
  for (let i = 0; i < n; i++)
    t.graph.addNode(`n${i}`, {
      x: i,
      y: 2 * i,
      size: 1,
      color: '',
      baseColor: '',
      label: `n${i}`,
      kind: 'WORKFLOW',
      shape: 0,
    } as never);
  return t;
}
const cameraCalls = (calls: unknown[][]) => calls.filter((c) => String(c[0]).startsWith('camera.'));

describe('useFraming', () => {
  it('settled: a large picture is centred on the entity, zoomed in to at most 0.55', () => {
    const t = withNodes(41);
    const { result } = renderHook(() => useFraming(t.sigma));
    result.current.request({ id: 'n3', nonce: 1 });
    expect(cameraCalls(t.calls)).toEqual([
      ['camera.animate', { x: 3, y: 6, ratio: 0.55 }, { duration: 500 }],
    ]);
  });

  it('a small picture, no entity or an entity not drawn: the whole picture', () => {
    const small = withNodes(40);
    const { result } = renderHook(() => useFraming(small.sigma));
    result.current.request({ id: 'n3', nonce: 1 });
    const big = withNodes(41);
    const other = renderHook(() => useFraming(big.sigma));
    other.result.current.request({ id: null, nonce: 2 });
    other.result.current.request({ id: 'gone', nonce: 3 });
    expect(cameraCalls(small.calls)).toEqual([['camera.animatedReset', { duration: 400 }]]);
    expect(cameraCalls(big.calls)).toEqual([
      ['camera.animatedReset', { duration: 400 }],
      ['camera.animatedReset', { duration: 400 }],
    ]);
  });

  it('while a layout runs a request waits; the last one is served when it settles, once', () => {
    const t = withNodes(41);
    const { result } = renderHook(() => useFraming(t.sigma));
    result.current.started();
    result.current.request({ id: 'n1', nonce: 1 });
    result.current.request({ id: 'n2', nonce: 2 });
    expect(cameraCalls(t.calls)).toEqual([]);
    result.current.settled();
    result.current.settled();
    expect(cameraCalls(t.calls)).toEqual([
      ['camera.animate', { x: 2, y: 4, ratio: 0.55 }, { duration: 500 }],
    ]);
  });

  it('early serves a waiting request before the layout settles, and nothing once it has', () => {
    const t = withNodes(41);
    const { result } = renderHook(() => useFraming(t.sigma));
    result.current.started();
    result.current.request({ id: 'n1', nonce: 1 });
    result.current.early();
    expect(cameraCalls(t.calls)).toHaveLength(1);
    result.current.settled();
    result.current.early();
    expect(cameraCalls(t.calls)).toHaveLength(1);
  });

  it('the same object across renders (the layout and effects hold it)', () => {
    const t = withNodes(1);
    const { result, rerender } = renderHook(() => useFraming(t.sigma));
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
  });

  it('a canvas no longer in the page is not framed', () => {
    const t = withNodes(41);
    t.container.remove();
    const { result } = renderHook(() => useFraming(t.sigma));
    result.current.request({ id: 'n3', nonce: 1 });
    expect(cameraCalls(t.calls)).toEqual([]);
  });
});
