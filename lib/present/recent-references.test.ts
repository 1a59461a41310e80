import { describe, expect, it } from 'vitest';
import { parseRecent, withRecent } from './recent-references';

describe('recent references', () => {
  it('moves a reference to the front without duplicating it, keeping at most eight', () => {
    const list = ['a', 'b', 'c'];
    expect(withRecent(list, 'b')).toEqual(['b', 'a', 'c']);
    expect(withRecent(list, 'd')).toEqual(['d', 'a', 'b', 'c']);
    const full = Array.from({ length: 8 }, (_, i) => `r${i}`);
    expect(withRecent(full, 'new')).toEqual(['new', ...full.slice(0, 7)]);
  });

  it('treats whatever else localStorage holds as no history', () => {
    expect(parseRecent(null)).toEqual([]);
    expect(parseRecent('not json')).toEqual([]);
    expect(parseRecent('{"a":1}')).toEqual([]);
    expect(parseRecent('["x", 3, "y"]')).toEqual(['x', 'y']);
  });
});
