import { describe, expect, it } from 'vitest';
import { inDirection, nextFocus, type Placed } from '../src/explorer/keyboardNav';

const at = (id: string, x: number, y: number): Placed => ({ id, x, y });
const centre = at('c', 0, 0);

describe('keyboard moves on the canvas', () => {
  const around = [at('r', 100, 10), at('l', -80, 0), at('u', 5, -60), at('d', 0, 90), at('far-r', 300, 0)];
  it('goes to the entity that lies in the arrow direction (screen y down)', () => {
    expect(inDirection(centre, around, 'right')).toBe('r');
    expect(inDirection(centre, around, 'left')).toBe('l');
    expect(inDirection(centre, around, 'up')).toBe('u');
    expect(inDirection(centre, around, 'down')).toBe('d');
  });
  it('ignores what lies more than 60° off, and says when nothing lies that way', () => {
    expect(inDirection(centre, [at('diag', 50, 100)], 'right')).toBeNull();
    expect(inDirection(centre, [], 'up')).toBeNull();
    expect(inDirection(centre, [centre], 'up')).toBeNull();
  });
  it('prefers a neighbour, else the nearest entity that way', () => {
    const neighbours = [at('n-far', 400, 0)];
    expect(nextFocus(centre, neighbours, [...around, ...neighbours], 'right')).toBe('n-far');
    expect(nextFocus(centre, neighbours, [...around, ...neighbours], 'left')).toBe('l');
  });
});
