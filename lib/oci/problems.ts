import { z } from 'zod';
import { shortDigest } from './digest';
import { formatPlatform } from './platform';
import type { PlatformFinding } from './platform-checks';
import { Platform } from './schemas';

/*
 * Every problem the list lint reports, with a stable code (scripts and the UI key on it), a message a user
 * understands and, where one exists, the fix the UI can apply in one click. `params` are the values the message is
 * made of: the UI writes the message from the code and these in the reader's language (lib/present/problem-text.ts);
 * `message` is the English text for scripts and the API.
 */

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

/** A fix the UI can apply in one click; `platform` is the descriptor platform to set. */
export const ProblemFix = z.looseObject({
  description: z.string(),
  platform: Platform.optional(),
});
export type ProblemFix = z.infer<typeof ProblemFix>;

/** The values a problem's message is made of (platforms as written, short digests, counts). */
export const ProblemParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type ProblemParams = z.infer<typeof ProblemParams>;

/** What a param holds when the value is absent: ICU messages select on it (`{config, select, none {…} other {…}}`). */
export const NO_VALUE = 'none';

export const Problem = z.looseObject({
  code: z.string(),
  severity: Severity,
  message: z.string(),
  params: ProblemParams.optional(),
  fix: ProblemFix.optional(),
});
export type Problem = z.infer<typeof Problem>;

export const ProblemCode = {
  /** The descriptor's platform disagrees with the image config (os, architecture, variant or os.version). */
  platformMismatch: 'platform-mismatch',
  /** The config has an os.version (Windows) that the descriptor does not repeat. */
  osVersionMissing: 'os-version-missing',
  /** An image entry with no platform: runtimes pick it only by reading its config. */
  platformMissing: 'platform-missing',
  /** Two image entries with the same platformKey: only the first is ever pulled. */
  duplicatePlatform: 'duplicate-platform',
  /** The registry does not have the child manifest (or could not serve it). */
  childMissing: 'child-missing',
  /** The child manifest was read but its config blob was not. */
  configUnreadable: 'config-unreadable',
  /** A Docker manifest list pointing at OCI manifests. */
  dockerListOciChild: 'docker-list-oci-child',
  descriptorMediaTypeMismatch: 'descriptor-media-type-mismatch',
  descriptorSizeMismatch: 'descriptor-size-mismatch',
  /** An attestation manifest whose `vnd.docker.reference.digest` is not an entry of this list. */
  attestationSubjectMissing: 'attestation-subject-missing',
  emptyList: 'empty-list',
  /** The tag is one image manifest, not a list. */
  singleManifest: 'single-manifest',
  /** Nested indexes deeper than Archway follows. */
  nestingTooDeep: 'nesting-too-deep',
} as const;
export type ProblemCode = (typeof ProblemCode)[keyof typeof ProblemCode];

/** The prefix of problems derived from checkPlatform findings: `platform-<finding code>`. */
export const PLATFORM_FINDING_PREFIX = 'platform-';

/** A checkPlatform finding as a Problem, with the canonical suggestion as its fix. */
export function platformFindingProblem(finding: PlatformFinding): Problem {
  return {
    code: `${PLATFORM_FINDING_PREFIX}${finding.code}`,
    severity: finding.severity,
    message: finding.message,
    params: { ...finding.params, suggestion: finding.suggestion ? formatPlatform(finding.suggestion) : NO_VALUE },
    ...(finding.suggestion
      ? { fix: { description: `Set the platform to ${formatPlatform(finding.suggestion)}`, platform: finding.suggestion } }
      : {}),
  };
}

/** "Listed as linux/amd64 but the image config says linux/arm64/v8", fixed by taking the config's platform. */
export function platformMismatchProblem(listed: Platform, config: Platform): Problem {
  return {
    code: ProblemCode.platformMismatch,
    severity: 'error',
    message: `Listed as ${formatPlatform(listed)} but the image config says ${formatPlatform(config)}.`,
    params: { listed: formatPlatform(listed), config: formatPlatform(config) },
    fix: { description: `Use the image's own platform, ${formatPlatform(config)}`, platform: config },
  };
}

/** The config's Windows os.version is not on the descriptor, so hosts cannot choose between builds. */
export function osVersionMissingProblem(listed: Platform, withVersion: Platform): Problem {
  return {
    code: ProblemCode.osVersionMissing,
    severity: 'warning',
    message: `The image config says os.version ${withVersion['os.version']} but the list entry (${formatPlatform(listed)}) has none, so Windows hosts cannot pick the matching build.`,
    params: { osVersion: withVersion['os.version'] ?? '', listed: formatPlatform(listed) },
    fix: { description: `Add os.version ${withVersion['os.version']}`, platform: withVersion },
  };
}

/** An image entry without a platform; the fix (when the config is known) is the config's platform. */
export function platformMissingProblem(config: Platform | null): Problem {
  return {
    code: ProblemCode.platformMissing,
    severity: 'warning',
    message: config
      ? `This image has no platform in the list; its config says ${formatPlatform(config)}. Runtimes that do not read configs will skip or misplace it.`
      : 'This image has no platform in the list, so runtimes cannot tell which machines it is for.',
    params: { config: config ? formatPlatform(config) : NO_VALUE },
    ...(config ? { fix: { description: `Set the platform to ${formatPlatform(config)}`, platform: config } } : {}),
  };
}

/** The second (or later) entry with a platform already listed: runtimes take the first match. */
export function duplicatePlatformProblem(platform: Platform, first: { digest: string; position: number; platform: Platform }): Problem {
  // Name the first entry as the page shows it: "linux/x86_64 is the same platform as entry 1 (linux/amd64, …)".
  const firstLabel = formatPlatform(first.platform);
  const written = formatPlatform(platform);
  const sameAs =
    firstLabel === written
      ? `is already listed at entry ${first.position + 1} (${shortDigest(first.digest)})`
      : `is the same platform as entry ${first.position + 1} (${firstLabel}, ${shortDigest(first.digest)})`;
  return {
    code: ProblemCode.duplicatePlatform,
    severity: 'error',
    message: `${written} ${sameAs}; runtimes pull the first match, so this entry is never used.`,
    params: {
      written,
      position: first.position + 1,
      firstPlatform: firstLabel,
      firstDigest: shortDigest(first.digest),
      spelling: firstLabel === written ? 'same' : 'different',
    },
  };
}

/** The registry could not serve a child; the rest of the list is still shown. */
export function childMissingProblem(digest: string, missing: { reason: string; status?: number }): Problem {
  const status = missing.status === undefined ? '' : ` (HTTP ${missing.status})`;
  return {
    code: ProblemCode.childMissing,
    severity: 'error',
    // The reason already says what the registry answered; say it once, and what it means for a pull.
    message: `${shortDigest(digest)}${status}: ${missing.reason.replace(/\.$/, '')}. Pulling this platform fails.`,
    params: { digest: shortDigest(digest), status: missing.status ?? NO_VALUE, reason: missing.reason.replace(/\.$/, '') },
  };
}

/** The config blob could not be read, so the entry's platform cannot be checked against it. */
export function configUnreadableProblem(reason: string): Problem {
  return {
    code: ProblemCode.configUnreadable,
    severity: 'warning',
    message: `The image config could not be read (${reason}), so this entry's platform cannot be checked against it.`,
    params: { reason },
  };
}

/** A Docker list holding OCI manifests: old docker clients and some registries refuse the mix. */
export function dockerListOciChildProblem(digests: readonly string[]): Problem {
  return {
    code: ProblemCode.dockerListOciChild,
    severity: 'warning',
    message: `This Docker manifest list holds ${digests.length} OCI manifest${digests.length === 1 ? '' : 's'} (${digests.map(shortDigest).join(', ')}); Docker lists should hold Docker manifests. Convert the list to an OCI index.`,
    params: { count: digests.length, digests: digests.map(shortDigest).join(', ') },
    fix: { description: 'Convert the list to an OCI image index' },
  };
}

/** The descriptor says one media type, the child is another. */
export function descriptorMediaTypeProblem(listed: string, actual: string): Problem {
  return {
    code: ProblemCode.descriptorMediaTypeMismatch,
    severity: 'error',
    message: `The list says this child is ${listed} but the registry serves it as ${actual}.`,
    params: { listed, actual },
  };
}

/** The descriptor says one size, the child has another; clients that check sizes refuse it. */
export function descriptorSizeProblem(listed: number, actual: number): Problem {
  return {
    code: ProblemCode.descriptorSizeMismatch,
    severity: 'error',
    message: `The list says this child is ${listed} bytes but it is ${actual} bytes; clients that verify sizes will refuse it.`,
    params: { listed, actual },
  };
}

/** An attestation whose subject is not in the list (or that names none). */
export function attestationSubjectProblem(subject: string | undefined): Problem {
  return {
    code: ProblemCode.attestationSubjectMissing,
    severity: 'warning',
    message: subject
      ? `This attestation describes ${shortDigest(subject)}, which is not in the list; it no longer describes anything here.`
      : 'This attestation does not say which image it describes (no vnd.docker.reference.digest annotation).',
    params: { subject: subject ? shortDigest(subject) : NO_VALUE },
  };
}

/** A list with no entries: valid, but nothing can be pulled from it. */
export function emptyListProblem(): Problem {
  return { code: ProblemCode.emptyList, severity: 'info', message: 'The list is empty: nothing can be pulled from this tag.', params: {} };
}

/** The tag is one image: read-only here, with a way to make a list from it. */
export function singleManifestProblem(configPlatform: Platform | null): Problem {
  const what = configPlatform ? `a single ${formatPlatform(configPlatform)} image` : 'a single image';
  return {
    code: ProblemCode.singleManifest,
    severity: 'info',
    message: `This tag points at ${what}, not a list. Create a list from it to add more platforms.`,
    params: { platform: configPlatform ? formatPlatform(configPlatform) : NO_VALUE },
    fix: { description: 'Create a list from this image' },
  };
}

/** Nested indexes beyond the depth Archway follows. */
export function nestingTooDeepProblem(maxDepth: number): Problem {
  return {
    code: ProblemCode.nestingTooDeep,
    severity: 'warning',
    message: `Indexes are nested more than ${maxDepth} levels deep; Archway does not show deeper levels.`,
    params: { maxDepth },
  };
}
