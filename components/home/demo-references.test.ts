import { describe, expect, it } from 'vitest';
import { parseDemoReferences } from './demo-references';

describe('parseDemoReferences', () => {
  it('reads a comma-separated list into canonical references, skipping blanks, typos and repeats', () => {
    expect(parseDemoReferences(' 127.0.0.1:5000/demo/golang:alpine, golang ,,Bad Ref, docker.io/library/golang:latest').map((d) => d.reference)).toEqual([
      '127.0.0.1:5000/demo/golang:alpine',
      'docker.io/library/golang:latest',
    ]);
  });

  it('reads what each one shows after an =', () => {
    expect(parseDemoReferences('127.0.0.1:5000/demo/many:latest=48 platforms: the matrix at scale,golang:alpine')).toEqual([
      { reference: '127.0.0.1:5000/demo/many:latest', description: '48 platforms: the matrix at scale' },
      { reference: 'docker.io/library/golang:alpine', description: null },
    ]);
  });

  it('is empty when the variable is unset or empty', () => {
    expect(parseDemoReferences(undefined)).toEqual([]);
    expect(parseDemoReferences('')).toEqual([]);
  });
});
