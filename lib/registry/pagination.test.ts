import { describe, expect, it } from 'vitest';
import { nextPageUrl, sortNames } from './pagination';

describe('nextPageUrl', () => {
  const page = 'http://127.0.0.1:5000/v2/_catalog?n=5';

  it('resolves a relative Link against the page it came on', () => {
    expect(nextPageUrl('</v2/_catalog?last=b&n=5>; rel="next"', page)).toBe('http://127.0.0.1:5000/v2/_catalog?last=b&n=5');
  });

  it('keeps an absolute Link, finds next among several relations, and ends without one', () => {
    expect(nextPageUrl('<https://cdn.example/p2>; rel=next', page)).toBe('https://cdn.example/p2');
    expect(nextPageUrl('</first>; rel="first", </v2/x/tags/list?last=c>; rel="next"', page)).toBe('http://127.0.0.1:5000/v2/x/tags/list?last=c');
    expect(nextPageUrl('</prev>; rel="prev"', page)).toBeNull();
    expect(nextPageUrl(null, page)).toBeNull();
  });
});

describe('sortNames', () => {
  it('sorts naturally and drops duplicates', () => {
    expect(sortNames(['v10', 'latest', 'v2', 'v1', 'v2', '1.10', '1.9'])).toEqual(['1.9', '1.10', 'latest', 'v1', 'v2', 'v10']);
  });

  it('gives one order whatever order the registry listed names in (v5 and v05 are equal to natural order)', () => {
    expect(sortNames(['v5', 'v05'])).toEqual(sortNames(['v05', 'v5']));
  });
});
