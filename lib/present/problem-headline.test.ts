import { describe, expect, it } from 'vitest';
import { platformFindingProblem, platformMismatchProblem } from '@/lib/oci/problems';
import { checkPlatform } from '@/lib/oci/platform-checks';
import { problemHeadline } from './problem-headline';

describe('problemHeadline', () => {
  it('says a lying annotation in words, naming what the image really is', () => {
    const problem = platformMismatchProblem({ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' });
    expect(problemHeadline(problem)).toBe('Image is linux/arm64/v8');
  });

  it('names the canonical platform an alias should be written as', () => {
    const [finding] = checkPlatform({ os: 'linux', architecture: 'x86_64' });
    expect(problemHeadline(platformFindingProblem(finding!))).toBe('Should be linux/amd64');
  });
});
