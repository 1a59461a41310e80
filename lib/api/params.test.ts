import { describe, expect, it } from 'vitest';
import { jsonDepth, parseJsonText, readBodyText } from './params';

describe('request bodies', () => {
  it('measures nesting outside strings only', () => {
    expect(jsonDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonDepth('{"a":"[[[[{{{{\\"]]"}')).toBe(1);
    expect(jsonDepth('"plain"')).toBe(0);
    expect(jsonDepth('['.repeat(1000), 10)).toBe(11);
  });

  it('refuses deep nesting and bad JSON with 400s that say what to fix', () => {
    expect(() => parseJsonText('[[[[1]]]]', 3)).toThrow(/ARCHWAY_MAX_JSON_DEPTH/);
    expect(() => parseJsonText('{oops', 32)).toThrow(/not valid JSON/);
    expect(parseJsonText('{"a":[1]}', 2)).toEqual({ a: [1] });
  });

  it('stops reading a body at the limit', async () => {
    const big = new Request('http://x/', { method: 'POST', body: 'x'.repeat(5000) });
    await expect(readBodyText(big, 4096)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    const small = new Request('http://x/', { method: 'POST', body: '{"ok":true}' });
    expect(await readBodyText(small, 4096)).toBe('{"ok":true}');
  });
});
