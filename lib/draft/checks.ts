import type { ConfigPlatform, Problem } from '@/lib/api/inspect';
import { disagreesWithConfig, formatPlatform, platformKey, platformsEqual } from '@/lib/oci/platform';
import { NON_CANONICAL_FINDINGS, checkPlatform, type PlatformFindingCode } from '@/lib/oci/platform-checks';
import { NO_VALUE, ProblemCode } from '@/lib/oci/problems';
import { problemSaid, type Said } from '@/lib/present/problem-text';
import { tryParseReference } from '@/lib/oci/reference';
import type { Platform } from '@/lib/oci/schemas';
import { duplicateKeys, fieldsToPlatform, isPlatformChanged } from './fields';
import type { Draft, DraftEntry, PlatformFields } from './types';
import { platformOfConfig } from '@/lib/oci/config-platform';

/*
 * What the editor says about each entry while the user types: the platform rules of lib/oci/platform, the
 * disagreement with the image's own config, and what would make the push refuse the draft. The server checks the
 * same rules again; these only let the user fix things before asking it.
 */

/** A message of the editor's own, said through the catalogs (`editor.check.<kind>`). */
function check(kind: string, message: string, values?: Record<string, string | number>): Said {
  return { message, key: `editor.check.${kind}`, values };
}

export type EntryCheck = Said & {
  /** The input the message is about (`platform`: the platform as a whole). */
  field: keyof PlatformFields | 'platform' | 'annotations';
  severity: 'error' | 'warning' | 'info';
  /** One click writes this platform into the fields. */
  suggestion?: Platform;
  /** The button's text when it says more than "Use <platform>". */
  suggestionLabel?: Said | undefined;
  /** True when the push would be refused as things stand. */
  isBlocking: boolean;
};

const FIELD_BY_CODE: Record<PlatformFindingCode, keyof PlatformFields> = {
  'non-canonical-os': 'os',
  'unknown-os': 'os',
  'non-canonical-architecture': 'architecture',
  'unknown-architecture': 'architecture',
  'unknown-pair': 'architecture',
  'not-docker-cli-pair': 'architecture',
  'non-canonical-variant': 'variant',
  'arm-variant-missing': 'variant',
  'unusual-variant': 'variant',
  'os-version-not-windows': 'osVersion',
  'os-features-not-normalized': 'osFeatures',
};

/** The one-click fix that writes the image's own platform. */
function ownPlatformFix(platform: Platform): Said {
  return check('ownPlatformFix', `Use the image's own platform (${formatPlatform(platform)})`, { platform: formatPlatform(platform) });
}

/** True when the entry will carry a platform its image's config contradicts (the push needs allowMismatch). */
export function isMismatch(entry: DraftEntry): boolean {
  const platform = fieldsToPlatform(entry.platform, entry.original?.platform);
  if (!platform || !entry.config || entry.role !== 'image') return false;
  return disagreesWithConfig(platform, platformOfConfig(entry.config));
}

function missingFieldChecks(entry: DraftEntry, isChanged: boolean): EntryCheck[] {
  const os = entry.platform.os.trim();
  const architecture = entry.platform.architecture.trim();
  if (os && !architecture) return [{ field: 'architecture', severity: 'error', ...check('architectureToo', 'Type an architecture too (e.g. amd64).'), isBlocking: true }];
  if (!os && architecture) return [{ field: 'os', severity: 'error', ...check('osToo', 'Type an OS too (e.g. linux).'), isBlocking: true }];
  if (os) return [];
  const { variant, osVersion, osFeatures } = entry.platform;
  if (variant.trim() || osVersion.trim() || osFeatures.trim()) {
    return [
      {
        field: 'platform',
        severity: 'error',
        ...check('osAndArchitectureToo', 'Type the OS and architecture too: a variant or os.version alone is no platform.'),
        isBlocking: true,
      },
    ];
  }
  if (entry.original?.platform && isChanged) {
    return [
      {
        field: 'platform',
        severity: 'error',
        ...check('keepsPlatform', "A listed entry keeps a platform: type os and architecture, or use the image's own platform."),
        ...(entry.config ? { suggestion: platformOfConfig(entry.config) } : {}),
        isBlocking: true,
      },
    ];
  }
  if (entry.role === 'image' && !entry.original) {
    const config = entry.config ? formatPlatform(platformOfConfig(entry.config)) : null;
    const message = `Left empty, the platform is read from the image's config${config ? `: ${config}` : ''}.`;
    return [{ field: 'platform', severity: 'info', ...check('readFromConfig', message, { config: config ?? NO_VALUE }), isBlocking: false }];
  }
  return [];
}

/** An inspect problem of the list as loaded, as a message with its one-click fix. */
function fromProblem(problem: Problem, config: ConfigPlatform | null): EntryCheck {
  const fix = problem.fix?.platform;
  const isOwnPlatform = Boolean(fix && config && platformsEqual(fix, platformOfConfig(config)));
  return {
    field: 'platform',
    severity: problem.severity,
    ...problemSaid(problem),
    ...(fix ? { suggestion: fix, suggestionLabel: isOwnPlatform ? ownPlatformFix(fix) : undefined } : {}),
    isBlocking: false,
  };
}

function platformChecks(entry: DraftEntry, platform: Platform, allowMismatch: boolean): EntryCheck[] {
  const checks: EntryCheck[] = checkPlatform(platform).map((finding) => ({
    field: FIELD_BY_CODE[finding.code],
    severity: finding.severity,
    message: finding.message,
    key: `problems.platform-${finding.code}.message`,
    values: finding.params,
    ...(finding.suggestion ? { suggestion: finding.suggestion } : {}),
    // The push refuses what no runtime knows and the non-canonical spellings (with the suggestion).
    isBlocking: finding.severity === 'error' || NON_CANONICAL_FINDINGS.has(finding.code),
  }));
  if (isMismatch(entry) && entry.config) {
    const own = platformOfConfig(entry.config);
    checks.push({
      field: 'platform',
      severity: allowMismatch ? 'warning' : 'error',
      ...check(
        'mismatch',
        `The image's config says ${formatPlatform(own)}, not ${formatPlatform(platform)}: runtimes choose entries by the listed platform, so a ${formatPlatform(platform)} machine would get an image built as ${formatPlatform(own)}.${allowMismatch ? '' : ' Use its own platform, or allow mismatches below.'}`,
        { config: formatPlatform(own), listed: formatPlatform(platform), allowed: allowMismatch ? 'yes' : 'no' },
      ),
      suggestion: own,
      suggestionLabel: ownPlatformFix(own),
      isBlocking: !allowMismatch,
    });
  }
  return checks;
}

/**
 * The messages for one entry. An untouched entry is kept as listed, so it shows the problems inspect found in
 * the list (with their fixes) and blocks nothing; a platform the user set is checked live and can block.
 */
export function checkEntry(entry: DraftEntry, allowMismatch: boolean): EntryCheck[] {
  const isChanged = isPlatformChanged(entry);
  // A duplicate depends on the other entries, which the user may have changed: duplicateChecks recomputes it.
  const listed = entry.problems.filter((problem) => problem.code !== ProblemCode.duplicatePlatform);
  const checks = entry.original && !isChanged ? listed.map((problem) => fromProblem(problem, entry.config)) : missingFieldChecks(entry, isChanged);
  const platform = fieldsToPlatform(entry.platform, entry.original?.platform);
  if (isChanged && platform?.os && platform.architecture) checks.push(...platformChecks(entry, platform, allowMismatch));
  const repeated = duplicateKeys(entry.annotations);
  if (repeated.length) {
    const keys = repeated.join(', ');
    checks.push({ field: 'annotations', severity: 'error', ...check('annotationTwice', `Annotation ${keys} is typed twice: keep one.`, { keys }), isBlocking: true });
  }
  return checks;
}

/**
 * Entries whose platform an earlier image entry already has, as the draft stands now (keyed by entry key).
 * A warning, as in the list lint: runtimes pull the first match, so the later entry would never be used.
 */
export function duplicateChecks(draft: Draft): Map<string, EntryCheck> {
  const firstByKey = new Map<string, { position: number; label: string }>();
  const checks = new Map<string, EntryCheck>();
  draft.entries.forEach((entry, index) => {
    if (entry.role !== 'image') return;
    const platform = fieldsToPlatform(entry.platform, entry.original?.platform) ?? (entry.config ? platformOfConfig(entry.config) : null);
    if (!platform?.os || !platform.architecture) return;
    const key = platformKey(platform);
    const first = firstByKey.get(key);
    if (first === undefined) {
      firstByKey.set(key, { position: index + 1, label: formatPlatform(platform) });
      return;
    }
    // Name the earlier entry as it is written, so "x86_64 … entry 1" never points at a row showing amd64 unexplained.
    const written = formatPlatform(platform);
    const sameAs = first.label === written ? `is already listed at entry ${first.position}` : `is the same platform as entry ${first.position} (${first.label})`;
    checks.set(entry.key, {
      field: 'platform',
      severity: 'warning',
      ...check('duplicate', `${written} ${sameAs}: runtimes pull the first match, so this entry would never be used.`, {
        written,
        position: first.position,
        firstPlatform: first.label,
        spelling: first.label === written ? 'same' : 'different',
      }),
      isBlocking: false,
    });
  });
  return checks;
}

/** What is wrong with a push target (a tag reference, never a digest), or null when it can be pushed to. */
export function checkTarget(target: string): Said | null {
  if (!target.trim()) return check('chooseTarget', 'Choose the tag to push to, e.g. localhost:5000/team/app:1.0.');
  const parsed = tryParseReference(target);
  // The reference parser's words (lib/oci) are English only.
  if (!parsed.ok) return { message: parsed.error };
  if (parsed.reference.digest) return check('targetIsDigest', 'Push to a tag, not a digest: remove the @sha256:… part.');
  return null;
}

/** Why the draft cannot be reviewed yet, one line each; empty when it can. */
export function draftBlockers(draft: Draft): Said[] {
  const blockers: Said[] = [];
  const targetProblem = checkTarget(draft.target);
  if (targetProblem) blockers.push(targetProblem);
  if (draft.entries.length === 0) blockers.push(check('addImage', 'Add at least one image.'));
  if (duplicateKeys(draft.annotations).length) blockers.push(check('indexAnnotationTwice', 'An index annotation is typed twice.'));
  const blocked = draft.entries.filter((entry) => checkEntry(entry, draft.allowMismatch).some((check) => check.isBlocking));
  if (blocked.length) {
    const message = `${blocked.length === 1 ? 'One entry needs' : `${blocked.length} entries need`} fixing (see the messages in red).`;
    blockers.push(check('entriesNeedFixing', message, { count: blocked.length }));
  }
  return blockers;
}

/** True when some entry the user changed disagrees with its image's config. */
export function hasChangedMismatch(draft: Draft): boolean {
  return draft.entries.some((entry) => isPlatformChanged(entry) && isMismatch(entry));
}
