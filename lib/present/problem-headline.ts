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

/** The short form of each list problem that has one; a mismatch names the image's own platform when it is known. */
const KIND_BY_CODE: Readonly<Record<string, HeadlineKind>> = {
  [ProblemCode.platformMismatch]: 'platformDisagrees',
  [ProblemCode.childMissing]: 'missing',
  [ProblemCode.duplicatePlatform]: 'duplicate',
  [ProblemCode.platformMissing]: 'noPlatform',
  [ProblemCode.osVersionMissing]: 'osVersionMissing',
  [ProblemCode.configUnreadable]: 'configUnreadable',
  [ProblemCode.descriptorSizeMismatch]: 'sizeMismatch',
  [ProblemCode.descriptorMediaTypeMismatch]: 'mediaTypeMismatch',
};

/** Which short form a problem takes, and the platform it names; null when only the full message says it. */
export function problemHeadlineKind(problem: Problem): { kind: HeadlineKind; target: string } | null {
  const target = problem.fix?.platform ? formatPlatform(problem.fix.platform) : null;
  const listed = KIND_BY_CODE[problem.code];
  if (listed === 'platformDisagrees' && target) return { kind: 'imageIs', target };
  if (listed) return { kind: listed, target: target ?? '' };
  return problem.code.startsWith(PLATFORM_FINDING_PREFIX) && target ? { kind: 'shouldBe', target } : null;
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
