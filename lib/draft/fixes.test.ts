import { describe, expect, it } from 'vitest';
import { checkPlatform } from '@/lib/oci/platform-checks';
import { platformFindingProblem, platformMismatchProblem } from '@/lib/oci/problems';
import { image, list } from '@/test/support/draft-lists';
import { draftFromInspect } from './entries';
import { fieldsToPlatform } from './fields';
import { allFixes, applyFixes, fixOf } from './fixes';

// The seeded wrong-arch shape: an arm64 image listed as amd64, the amd64 image listed as x86_64, a correct arm/v7.
const liar = image(1, { os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' }, {
  problems: [platformMismatchProblem({ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' })],
});
const alias = image(2, { os: 'linux', architecture: 'x86_64' }, { os: 'linux', architecture: 'amd64' }, {
  problems: checkPlatform({ os: 'linux', architecture: 'x86_64' }).map(platformFindingProblem),
});
const fine = image(3, { os: 'linux', architecture: 'arm', variant: 'v7' });

describe('fixes', () => {
  it('takes the image\'s own platform for a lying entry and the canonical name for an alias', () => {
    expect(fixOf(liar)?.platform).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
    expect(fixOf(alias)?.platform).toMatchObject({ os: 'linux', architecture: 'amd64' });
    expect(fixOf(fine)).toBeNull();
    expect(allFixes([liar, alias, fine]).map((fix) => fix.digest)).toEqual([liar.digest, alias.digest]);
  });

  it('"Fix all" writes every fix into a fresh draft and says which entries changed', () => {
    const draft = draftFromInspect(list([liar, alias, fine]));
    const { draft: fixed, changed } = applyFixes(draft, allFixes([liar, alias, fine]));
    expect(changed).toHaveLength(2);
    expect(fixed.entries.map((entry) => fieldsToPlatform(entry.platform))).toEqual([
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm', variant: 'v7' },
    ]);
  });
});
