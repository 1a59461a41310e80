import { describe, expect, it } from 'vitest';
import { memoizeOnEnv } from './env-memo';

function counted<T>(read: (env: Record<string, string | undefined>) => T) {
  let calls = 0;
  const memo = memoizeOnEnv((env) => {
    calls++;
    return read(env);
  });
  return { memo, calls: () => calls };
}

describe('memoizeOnEnv', () => {
  it('parses once while the variables it read keep their values', () => {
    const env: Record<string, string | undefined> = { A: '1', B: 'x' };
    const { memo, calls } = counted((e) => ({ a: Number(e.A), b: e.B }));
    const first = memo(env);
    expect(memo(env)).toBe(first);
    expect(calls()).toBe(1);
  });

  it('parses again when a variable it read changes, appears or goes', () => {
    const env: Record<string, string | undefined> = { A: '1' };
    const { memo, calls } = counted((e) => `${e.A ?? '-'}/${e.B ?? '-'}`);
    expect(memo(env)).toBe('1/-');
    env.B = '2';
    expect(memo(env)).toBe('1/2');
    delete env.A;
    expect(memo(env)).toBe('-/2');
    expect(calls()).toBe(3);
  });

  it('ignores variables the reader never looked at', () => {
    const env: Record<string, string | undefined> = { A: '1' };
    const { memo, calls } = counted((e) => e.A);
    memo(env);
    env.UNRELATED = 'changed';
    memo(env);
    expect(calls()).toBe(1);
  });

  it('reads a different environment object afresh', () => {
    const { memo, calls } = counted((e) => e.A);
    expect(memo({ A: '1' })).toBe('1');
    expect(memo({ A: '2' })).toBe('2');
    expect(calls()).toBe(2);
  });

  it('never remembers a reader that throws: the complaint comes every time', () => {
    const env: Record<string, string | undefined> = { A: 'bad' };
    const { memo, calls } = counted((e) => {
      if (e.A === 'bad') throw new Error('A must be good');
      return e.A;
    });
    expect(() => memo(env)).toThrow('A must be good');
    expect(() => memo(env)).toThrow('A must be good');
    expect(calls()).toBe(2);
  });

  it('never remembers a reader that lists the variables (a new one could matter)', () => {
    const env: Record<string, string | undefined> = { ARCHWAY_X: '1' };
    const { memo, calls } = counted((e) => Object.keys(e).filter((k) => k.startsWith('ARCHWAY_')).length);
    expect(memo(env)).toBe(1);
    env.ARCHWAY_Y = '2';
    expect(memo(env)).toBe(2);
    expect(calls()).toBe(2);
  });
});
