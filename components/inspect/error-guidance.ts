import type { ErrorCode } from '@/lib/api/errors';

/** What an error means for someone who wanted to see an image, and what they can do about it. */
export type ErrorGuidance = { title: string; steps: string[]; canRetry: boolean };

/** The guidance shown for each API error code. */
export function errorGuidance(code: ErrorCode, registry: string | null): ErrorGuidance {
  const where = registry ?? 'the registry';
  switch (code) {
    case 'INVALID_REFERENCE':
    case 'BAD_REQUEST':
      return {
        title: 'This is not an image reference',
        steps: [
          'Write it as [registry/]repository[:tag][@digest], the way docker pull takes it.',
          'Examples: golang:alpine, ghcr.io/owner/app:1.0, localhost:5000/team/app@sha256:<64 hex characters>.',
          'Repository names are lower-case; without a registry, Docker Hub (docker.io) is meant.',
        ],
        canRetry: false,
      };
    case 'UNAUTHORIZED':
    case 'DENIED':
    case 'FORBIDDEN':
      return {
        title: `${where} needs a sign-in`,
        steps: [
          `Sign in to ${where} with your own account below: Archway checks it with the registry and then reads (and pushes) as you.`,
          `For the whole team, the server's own credentials come from $DOCKER_CONFIG/config.json on the server (docker login ${registry ?? '<registry>'} as the server's user).`,
          'If you are signed in already, check that your account may pull this repository.',
        ],
        canRetry: true,
      };
    case 'FORBIDDEN':
      return {
        title: `Archway does not reach ${where}`,
        steps: [
          'The server refuses this registry: it is not in ARCHWAY_ALLOWED_REGISTRIES, or it is a link-local or cloud metadata address, which is never reached.',
          'Ask whoever runs Archway to add the registry to ARCHWAY_ALLOWED_REGISTRIES if the team should use it.',
        ],
        canRetry: false,
      };
    case 'NOT_FOUND':
      return {
        title: 'Nothing at this reference',
        steps: [
          'Check the spelling of the repository and the tag; both are case-sensitive.',
          'Docker Hub official images live under library/ (golang is docker.io/library/golang).',
          'A tag may have been deleted or never pushed; a digest may have been garbage-collected.',
        ],
        canRetry: true,
      };
    case 'TOO_MANY_REQUESTS':
      return {
        title: `${where} is rate-limiting requests`,
        steps: ['Wait a minute, then retry.', 'Docker Hub limits anonymous pulls: credentials on the server raise the limit.'],
        canRetry: true,
      };
    case 'UNAVAILABLE':
      return {
        title: 'Archway or the registry is busy',
        steps: ['Every request slot for this registry was taken for too long, or the registry said it is unavailable. Retry in a moment.'],
        canRetry: true,
      };
    case 'PAYLOAD_TOO_LARGE':
      return { title: 'The request was too large', steps: ['Archway refuses request bodies above ARCHWAY_MAX_BODY_BYTES.'], canRetry: false };
    case 'TIMEOUT':
      return {
        title: `${where} is too slow to answer`,
        steps: ['The registry did not answer in time. Retry in a moment.', 'If it keeps happening, check the network between the Archway server and the registry.'],
        canRetry: true,
      };
    case 'REGISTRY_ERROR':
      return {
        title: `${where} is unreachable or failed`,
        steps: [
          'The registry is unreachable, answered with an error, or sent a document that does not match its digest.',
          'Check that the registry is up and reachable from the Archway server (plain-HTTP registries other than loopback must be listed in ARCHWAY_INSECURE_REGISTRIES), then retry.',
        ],
        canRetry: true,
      };
    case 'UNPROCESSABLE':
      return { title: 'Archway cannot show this document', steps: ['The reference points at something that is neither an image nor an image index.'], canRetry: false };
    case 'CONFLICT':
      return { title: 'The tag moved', steps: ['Reload to see where it points now.'], canRetry: true };
    case 'INTERNAL':
      return { title: 'Archway hit an unexpected error', steps: ["The server's log has the details. Retry; if it persists, report it with the reference."], canRetry: true };
  }
}
