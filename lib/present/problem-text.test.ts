import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/messages/en.json';
import zhCN from '@/lib/i18n/messages/zh-CN.json';
import { checkPlatform, type PlatformFindingCode } from '@/lib/oci/platform-checks';
import * as problems from '@/lib/oci/problems';
import { problemFixKey, problemMessageKey } from './problem-text';

const D1 = `sha256:${'a'.repeat(64)}`;
const D2 = `sha256:${'b'.repeat(64)}`;
const amd64 = { os: 'linux', architecture: 'amd64' };
const arm64 = { os: 'linux', architecture: 'arm64', variant: 'v8' };

/** Every way lib/oci words a problem: each code, each of its forms. */
const LIST_PROBLEMS: problems.Problem[] = [
  problems.platformMismatchProblem(amd64, arm64),
  problems.osVersionMissingProblem({ os: 'windows', architecture: 'amd64' }, { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2227' }),
  problems.platformMissingProblem(amd64),
  problems.platformMissingProblem(null),
  problems.duplicatePlatformProblem(amd64, { digest: D1, position: 0, platform: amd64 }),
  problems.duplicatePlatformProblem({ os: 'linux', architecture: 'x86_64' }, { digest: D1, position: 2, platform: amd64 }),
  problems.childMissingProblem(D1, { reason: 'The registry answered 404 MANIFEST_UNKNOWN.', status: 404 }),
  problems.childMissingProblem(D1, { reason: 'connection refused' }),
  problems.configUnreadableProblem('blob unknown'),
  problems.dockerListOciChildProblem([D1]),
  problems.dockerListOciChildProblem([D1, D2]),
  problems.descriptorMediaTypeProblem('application/vnd.docker.distribution.manifest.v2+json', 'application/vnd.oci.image.manifest.v1+json'),
  problems.descriptorSizeProblem(1234, 1240),
  problems.attestationSubjectProblem(D2),
  problems.attestationSubjectProblem(undefined),
  problems.emptyListProblem(),
  problems.singleManifestProblem(arm64),
  problems.singleManifestProblem(null),
  problems.nestingTooDeepProblem(4),
];

/** Platforms that between them raise every platform finding, in each of its forms. */
const ODD_PLATFORMS = [
  { os: 'Linux', architecture: 'amd64' },
  { os: 'linuxx', architecture: 'amd64' },
  { os: 'linux', architecture: 'x86_64' },
  { os: 'linux', architecture: 'armv7' },
  { os: 'linux', architecture: 'arm64', variant: 'V8' },
  { os: 'plan10', architecture: 'amd64' },
  { os: 'linux', architecture: 'mmix' },
  { os: 'windows', architecture: 'riscv64' },
  { os: 'android', architecture: 'arm64' },
  { os: 'linux', architecture: 'arm' },
  { os: 'linux', architecture: 'arm', variant: 'v9' },
  { os: 'linux', architecture: 'amd64', variant: 'v2' },
  { os: 'linux', architecture: 's390x', variant: 'z15' },
  { os: 'linux', architecture: 'amd64', 'os.version': '10.0' },
  { os: 'windows', architecture: 'amd64', 'os.features': ['win32k', 'a', 'a'] },
];
const FINDING_PROBLEMS = ODD_PLATFORMS.flatMap((platform) => checkPlatform(platform).map(problems.platformFindingProblem));

const ALL_FINDING_CODES: PlatformFindingCode[] = [
  'non-canonical-os',
  'non-canonical-architecture',
  'non-canonical-variant',
  'arm-variant-missing',
  'unknown-os',
  'unknown-architecture',
  'unknown-pair',
  'not-docker-cli-pair',
  'unusual-variant',
  'os-version-not-windows',
  'os-features-not-normalized',
];

const english = createTranslator({ locale: 'en', messages: en }) as unknown as (key: string, values?: object) => string;
const chinese = createTranslator({ locale: 'zh-CN', messages: zhCN }) as unknown as (key: string, values?: object) => string;

describe('problems said through the catalogs', () => {
  it('covers every list problem code and every platform finding', () => {
    expect(new Set(LIST_PROBLEMS.map((p) => p.code))).toEqual(new Set(Object.values(problems.ProblemCode)));
    expect(new Set(FINDING_PROBLEMS.map((p) => p.code))).toEqual(new Set(ALL_FINDING_CODES.map((code) => `platform-${code}`)));
  });

  it.each([...LIST_PROBLEMS, ...FINDING_PROBLEMS].map((problem) => [problem.message, problem] as const))(
    'writes the same English as lib/oci: %s',
    (_message, problem) => {
      expect(english(problemMessageKey(problem)!, problem.params)).toBe(problem.message);
      if (problem.fix) expect(english(problemFixKey(problem)!, problem.params)).toBe(problem.fix.description);
    },
  );

  it('writes every problem in Chinese, with its values', () => {
    for (const problem of [...LIST_PROBLEMS, ...FINDING_PROBLEMS]) {
      const message = chinese(problemMessageKey(problem)!, problem.params);
      expect(message).toMatch(/[\u4e00-\u9fff]/);
      expect(message).not.toMatch(/[{}]/);
      // `suggestion` is the fix's value, and the select params choose a form rather than being shown.
      for (const [name, value] of Object.entries(problem.params ?? {})) {
        if (name === 'suggestion' || ['runtimes', 'spelling'].includes(name)) continue;
        if (typeof value === 'string' && value !== 'none' && value.length > 2) {
          expect(message, `${problem.code} in Chinese drops ${value}`).toContain(value);
        }
      }
    }
  });

  it('keeps the English message of a problem without params (an older server)', () => {
    expect(problemMessageKey({ code: problems.ProblemCode.emptyList })).toBeNull();
    expect(problemFixKey({ code: problems.ProblemCode.singleManifest, fix: { description: 'x' } })).toBeNull();
  });
});
