import type { Problem } from '@/lib/oci/problems';
import { ProblemCode, PLATFORM_FINDING_PREFIX } from '@/lib/oci/problems';
import { formatPlatform } from '@/lib/oci/platform';

/**
 * A problem in a few words, short enough for a matrix cell: the full message stays in the problems list and in the
 * cell's title. Never an icon alone: the words carry the meaning.
 */
export function problemHeadline(problem: Problem): string {
  const target = problem.fix?.platform ? formatPlatform(problem.fix.platform) : null;
  switch (problem.code) {
    case ProblemCode.platformMismatch:
      return target ? `Image is ${target}` : 'Platform disagrees with config';
    case ProblemCode.childMissing:
      return 'Missing from the registry';
    case ProblemCode.duplicatePlatform:
      return 'Duplicate: never pulled';
    case ProblemCode.platformMissing:
      return 'No platform listed';
    case ProblemCode.osVersionMissing:
      return 'os.version missing';
    case ProblemCode.configUnreadable:
      return 'Config unreadable';
    case ProblemCode.descriptorSizeMismatch:
      return 'Size mismatch';
    case ProblemCode.descriptorMediaTypeMismatch:
      return 'Media type mismatch';
    default:
      if (problem.code.startsWith(PLATFORM_FINDING_PREFIX) && target) return `Should be ${target}`;
      return problem.message;
  }
}
