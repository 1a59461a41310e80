import { describe, expect, it } from 'vitest';
import { parseDemoReferences } from './demo-references';

describe('parseDemoReferences', () => {
  it('reads a comma-separated list into canonical references, skipping blanks, typos and repeats', () => {
    expect(parseDemoReferences(' 127.0.0.1:5000/demo/golang:alpine, golang ,,Bad Ref, docker.io/library/golang:latest')).toEqual([
      '127.0.0.1:5000/demo/golang:alpine',
      'docker.io/library/golang:latest',
    ]);
  });

  it('is empty when the variable is unset or empty', () => {
    expect(parseDemoReferences(undefined)).toEqual([]);
    expect(parseDemoReferences('')).toEqual([]);
  });
});
