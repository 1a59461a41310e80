import { canonicalRegistry, canonicalTagKey, DOCKER_HUB_REGISTRY, isValidRegistryHost, looksLikeRegistryHost, namesImpossiblePort, officialImageName, OFFICIAL_IMAGES_NAMESPACE } from './registry-host';

/*
 * The distribution reference grammar (distribution/reference: reference.go, regexp.go, normalize.go) with the
 * Docker Hub defaults, plus the forgiving input handling a paste box needs. Unlike `ParseDockerRef`, a
 * `name:tag@digest` keeps both parts: the digest is what gets fetched, the tag is shown as a label. Together with
 * registry-host.ts this is the one home of naming rules (as go-containerregistry's pkg/name), digests included.
 */

export type ImageReference = { registry: string; repository: string; tag: string | null; digest: string | null };

/** A reference that cannot be used; the message says what is wrong and what to type instead. */
export class InvalidReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidReferenceError';
  }
}

export const DEFAULT_TAG = 'latest';
/** Since distribution/reference v0.6.0 the limit counts the path only, not the domain. */
export const MAX_PATH_LENGTH = 255;
const MAX_TAG_LENGTH = 128;

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
/*
 * Two digest grammars, on purpose. A digest typed in a reference follows distribution's (what `docker pull`
 * accepts: hex of at least 32 characters, the registered lengths checked). A digest in a descriptor or sent to a
 * registry follows the OCI image spec (descriptor.md), where sha256 and sha512 must be lower-case hex.
 */
const REFERENCE_DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const REGISTERED_DIGEST_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
/** `algorithm:encoded` as the OCI image spec writes it; descriptors' digests are checked against it. */
export const OCI_DIGEST_GRAMMAR = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/;
/** Registered algorithms: the encoded part must be lower-case hex of this exact length. */
const OCI_ENCODED_BY_ALGORITHM: Readonly<Record<string, RegExp>> = { sha256: /^[a-f0-9]{64}$/, sha512: /^[a-f0-9]{128}$/ };
const IMAGE_ID = /^[a-f0-9]{64}$/;
const EXAMPLES = 'e.g. golang:alpine, ghcr.io/owner/app:1.0 or localhost:5000/team/app@sha256:…';

/** Splits a digest into algorithm and encoded part (OCI grammar); null when it does not fit. */
export function splitDigest(digest: string): { algorithm: string; encoded: string } | null {
  const match = OCI_DIGEST_GRAMMAR.exec(digest);
  if (!match) return null;
  return { algorithm: match[1]!, encoded: match[2]! };
}

/**
 * True for a well-formed OCI digest. sha256/sha512 must be lower-case hex of the right length; other algorithms
 * only need to fit the grammar (the spec says they SHOULD pass).
 */
export function isDigest(s: string): boolean {
  const parts = splitDigest(s);
  if (!parts) return false;
  const encoded = OCI_ENCODED_BY_ALGORITHM[parts.algorithm];
  return encoded === undefined || encoded.test(parts.encoded);
}

/** Strips what people paste around a reference: whitespace, `docker pull`, `docker://`, `http(s)://`. */
export function cleanReferenceInput(input: string): string {
  let s = input.trim();
  const pull = /^docker\s+(?:image\s+)?pull\s+/i.exec(s);
  if (pull) {
    s = s.slice(pull[0].length);
    // `docker pull --platform linux/arm64 -q name`: skip the options, keep the reference.
    s = s.replace(/^(?:(?:--platform|--disable-content-trust)(?:=\S+|\s+\S+)\s+|-(?:-all-tags|-quiet|a|q)\s+)*/, '');
  }
  s = s.replace(/^(?:docker|https?):\/\//i, '');
  return s.trim();
}

function fail(message: string): never {
  throw new InvalidReferenceError(message);
}

function splitNameTagDigest(s: string): { name: string; tag: string | null; digest: string | null } {
  const at = s.indexOf('@');
  const beforeDigest = at === -1 ? s : s.slice(0, at);
  const digest = at === -1 ? null : s.slice(at + 1);
  // A tag colon comes after the last '/', so a registry port (`localhost:5000/x`) is never taken for one.
  const lastSlash = beforeDigest.lastIndexOf('/');
  const colon = beforeDigest.indexOf(':', lastSlash + 1);
  if (colon === -1) return { name: beforeDigest, tag: null, digest };
  return { name: beforeDigest.slice(0, colon), tag: beforeDigest.slice(colon + 1), digest };
}

function checkDigest(digest: string): void {
  if (!REFERENCE_DIGEST.test(digest)) {
    fail(`"${digest}" is not a digest. A digest looks like sha256: followed by 64 hex characters, e.g. name@sha256:9f86d08…`);
  }
  const [algorithm, encoded] = digest.split(':') as [string, string];
  const length = REGISTERED_DIGEST_LENGTH[algorithm];
  if (length !== undefined && encoded.length !== length) {
    fail(`A ${algorithm} digest has ${length} hex characters; "${digest}" has ${encoded.length}. Copy the whole digest.`);
  }
}

function checkTag(tag: string): void {
  if (tag.length > MAX_TAG_LENGTH) {
    fail(`The tag is ${tag.length} characters long; tags are at most ${MAX_TAG_LENGTH}. Shorten it.`);
  }
  if (!TAG.test(tag)) {
    fail(`"${tag}" is not a valid tag: use letters, digits, '_', '.' and '-', not starting with '.' or '-'.`);
  }
}

/** What is wrong with a repository path, or null when it is valid. */
function pathProblem(path: string): string | null {
  if (path.length > MAX_PATH_LENGTH) return `The repository path is ${path.length} characters long; the limit is ${MAX_PATH_LENGTH}.`;
  for (const component of path.split('/')) {
    if (!PATH_COMPONENT.test(component)) {
      return component === ''
        ? `"${path}" has an empty path component (a doubled or trailing '/').`
        : `"${component}" is not a valid repository path component: use lower-case letters and digits, separated by '.', '_', '__' or '-'.`;
    }
  }
  return null;
}

function checkPath(path: string): void {
  const problem = pathProblem(path);
  if (problem) fail(problem);
}

/** Says why a registry host is not one: a port no registry can listen on, or not host[:port] at all. */
function checkRegistryHost(host: string, hint: string): void {
  if (namesImpossiblePort(host)) fail(`"${host}" names a port that cannot exist: a port is a number from 1 to 65535, e.g. localhost:5000.`);
  if (!isValidRegistryHost(host)) fail(hint);
}

/** Parses a reference like docker does (Docker Hub defaults, `latest` when neither tag nor digest); throws InvalidReferenceError. */
export function parseReference(input: string): ImageReference {
  const s = cleanReferenceInput(input);
  if (s === '') fail(`Type an image reference, ${EXAMPLES}.`);
  if (/\s/.test(s)) fail(`"${s}" contains spaces; a reference is one word, ${EXAMPLES}.`);
  if (IMAGE_ID.test(s)) {
    fail(`"${s.slice(0, 12)}…" is 64 hex characters: an image ID or a bare digest, not a reference. Name the repository: e.g. golang@sha256:<64 hex>.`);
  }
  const { name, tag, digest } = splitNameTagDigest(s);
  if (digest !== null) checkDigest(digest);
  if (tag !== null) checkTag(tag);

  const slash = name.indexOf('/');
  const first = slash === -1 ? name : name.slice(0, slash);
  let registry = DOCKER_HUB_REGISTRY;
  let path = name;
  if (slash !== -1 && looksLikeRegistryHost(first)) {
    registry = first;
    path = name.slice(slash + 1);
    checkRegistryHost(registry, `"${registry}" is not a registry host: use host[:port], e.g. registry.example.com:5000 or [::1]:5000.`);
  }
  registry = canonicalRegistry(registry);
  if (path === '') fail(`"${s}" names a registry but no repository: add /<repository>.`);
  // The lower-case spelling is offered only where it would be accepted; otherwise the path's own problem is named.
  if (path !== path.toLowerCase() && pathProblem(path.toLowerCase()) === null) {
    const lowered = `${name.slice(0, name.length - path.length)}${path.toLowerCase()}`;
    fail(`Repository names must be lower-case: type "${s.replace(name, lowered)}" instead.`);
  }
  if (registry === DOCKER_HUB_REGISTRY && !path.includes('/')) path = `${OFFICIAL_IMAGES_NAMESPACE}/${path}`;
  checkPath(path);

  return { registry, repository: path, tag: tag ?? (digest === null ? DEFAULT_TAG : null), digest };
}

/** Like parseReference, but returns the error message instead of throwing. */
export function tryParseReference(
  input: string,
): { ok: true; reference: ImageReference } | { ok: false; error: string } {
  try {
    return { ok: true, reference: parseReference(input) };
  } catch (error) {
    if (error instanceof InvalidReferenceError) return { ok: false, error: error.message };
    throw error;
  }
}

/** `registry/repository`, e.g. `docker.io/library/golang`. */
export function repositoryReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}`;
}

function withTagAndDigest(name: string, ref: ImageReference): string {
  return `${name}${ref.tag === null ? '' : `:${ref.tag}`}${ref.digest === null ? '' : `@${ref.digest}`}`;
}

/** The canonical form, always `registry/repository[:tag][@digest]`. */
export function formatReference(ref: ImageReference): string {
  return withTagAndDigest(repositoryReference(ref), ref);
}

/** The short form people type: `golang:alpine` for `docker.io/library/golang:alpine`, `user/app` for Hub users. */
export function familiarReference(ref: ImageReference): string {
  if (ref.registry !== DOCKER_HUB_REGISTRY) return formatReference(ref);
  const official = officialImageName(ref.registry, ref.repository);
  const [first] = ref.repository.split('/') as [string];
  // `docker.io/0.a/b` shortened to `0.a/b` would read back as registry 0.a: keep the domain then.
  if (official === null && looksLikeRegistryHost(first)) return formatReference(ref);
  return withTagAndDigest(official ?? ref.repository, ref);
}

/**
 * A registry host as typed (`localhost:5000`, `https://ghcr.io/`, `index.docker.io`) in the form references write it
 * (`docker.io` for Docker Hub's aliases); throws InvalidReferenceError for anything that is not a host on its own.
 */
export function parseRegistryHost(input: string): string {
  const host = cleanReferenceInput(input).replace(/\/+$/, '');
  const hint = `"${input.trim()}" is not a registry host: type host[:port], e.g. registry.example.com or localhost:5000.`;
  if (!looksLikeRegistryHost(host)) fail(hint);
  checkRegistryHost(host, hint);
  return canonicalRegistry(host);
}

/**
 * The key of the tag a typed reference names, the same for every spelling of it (canonicalTagKey): what the tag lock,
 * the audit log and the editor's "same tag?" compare. Null when the text is not a reference or names no tag.
 */
export function tagKeyOf(text: string): string | null {
  const parsed = tryParseReference(text);
  if (!parsed.ok || !parsed.reference.tag) return null;
  const { registry, repository, tag } = parsed.reference;
  return canonicalTagKey({ registry, repository, tag });
}
