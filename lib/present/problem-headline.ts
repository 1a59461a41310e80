import type { Problem } from '@/lib/oci/problems';
import { ProblemCode, PLATFORM_FINDING_PREFIX } from '@/lib/oci/problems';
import { formatPlatform } from '@/lib/oci/platform';

/** The short forms a problem can take in a matrix cell; the catalogs word each (`problemHeadline.<kind>`). */
export type HeadlineKind =
  | 'imageIs'
  | 'platformDisagrees'
  | 'missing'
  | 'duplicate'
  | 'noPlatform'
  | 'osVersionMissing'
  | 'configUnreadable'
  | 'sizeMismatch'
  | 'mediaTypeMismatch'
  | 'shouldBe';

/** Which short form a problem takes, and the platform it names; null when only the full message says it. */
export function problemHeadlineKind(problem: Problem): { kind: HeadlineKind; target: string } | null {
  const target = problem.fix?.platform ? formatPlatform(problem.fix.platform) : null;
  const kind = ((): HeadlineKind | null => {
    switch (problem.code) {
      case ProblemCode.platformMismatch:
        return target ? 'imageIs' : 'platformDisagrees';
      case ProblemCode.childMissing:
        return 'missing';
      case ProblemCode.duplicatePlatform:
        return 'duplicate';
      case ProblemCode.platformMissing:
        return 'noPlatform';
      case ProblemCode.osVersionMissing:
        return 'osVersionMissing';
      case ProblemCode.configUnreadable:
        return 'configUnreadable';
      case ProblemCode.descriptorSizeMismatch:
        return 'sizeMismatch';
      case ProblemCode.descriptorMediaTypeMismatch:
        return 'mediaTypeMismatch';
      default:
        return problem.code.startsWith(PLATFORM_FINDING_PREFIX) && target ? 'shouldBe' : null;
    }
  })();
  return kind ? { kind, target: target ?? '' } : null;
}

const ENGLISH: Record<HeadlineKind, (target: string) => string> = {
  imageIs: (target) => `Image is ${target}`,
  platformDisagrees: () => 'Platform disagrees with config',
  missing: () => 'Missing from the registry',
  duplicate: () => 'Duplicate: never pulled',
  noPlatform: () => 'No platform listed',
  osVersionMissing: () => 'os.version missing',
  configUnreadable: () => 'Config unreadable',
  sizeMismatch: () => 'Size mismatch',
  mediaTypeMismatch: () => 'Media type mismatch',
  shouldBe: (target) => `Should be ${target}`,
};

/**
 * A problem in a few English words, short enough for a matrix cell (the entry filter searches these): the full
 * message stays in the problems list and in the cell's title. Never an icon alone: the words carry the meaning.
 */
export function problemHeadline(problem: Problem): string {
  const headline = problemHeadlineKind(problem);
  return headline ? ENGLISH[headline.kind](headline.target) : problem.message;
}
