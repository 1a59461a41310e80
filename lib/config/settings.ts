/*
 * Every environment variable Archway reads, in one list: the README's configuration table is rendered from it
 * (scripts/settings-table.ts) and the deployment tests check that compose and Kubernetes set only these. A module
 * that reads a new variable adds it here; test/integration/deploy-manifests.test.ts fails until it does.
 */

export type Setting = {
  name: string;
  /** What it does, one sentence or two, Markdown. */
  meaning: string;
  /** The default as a person reads it (empty: unset). */
  defaultValue: string;
  /** Secrets come from a Secret in Kubernetes, never from a plain value. */
  isSecret?: boolean;
};

export const SETTINGS: readonly Setting[] = [
  {
    name: 'PORT',
    meaning: 'the port the server listens on',
    defaultValue: '3000',
  },
  {
    name: 'HOSTNAME',
    meaning: 'the address the standalone server binds (`0.0.0.0` in the container image)',
    defaultValue: 'all interfaces',
  },
  {
    name: 'DOCKER_CONFIG',
    meaning:
      'folder holding `config.json`: its `auths` (and `credHelpers` / `credsStore`) give server-wide registry credentials, as for every docker client',
    defaultValue: '`~/.docker`',
  },
  {
    name: 'DOCKER_AUTH_CONFIG',
    meaning: 'a whole `config.json` document, replacing the file',
    defaultValue: '',
    isSecret: true,
  },
  {
    name: 'ARCHWAY_INSECURE_REGISTRIES',
    meaning: 'comma-separated `host[:port]` or CIDR allowed over plain HTTP; loopback always is',
    defaultValue: '',
  },
  {
    name: 'ARCHWAY_ALLOWED_REGISTRIES',
    meaning:
      'comma-separated registries references may name (`registry.example.com`, `host:port`, `*.corp.example`, CIDRs such as `10.0.0.0/8` for registries written as addresses); any other is refused with 403 before a connection is opened. Link-local and cloud metadata addresses are refused whether this is set or not',
    defaultValue: 'every registry',
  },
  {
    name: 'ARCHWAY_TRUSTED_TOKEN_REALMS',
    meaning:
      'comma-separated token servers (same forms) that may receive a registry\'s credentials although they are neither on the registry\'s host nor on its domain (`auth.docker.io` is trusted for Docker Hub without it)',
    defaultValue: '',
  },
  {
    name: 'ARCHWAY_PUBLIC_URL',
    meaning:
      'the address people use (`https://archway.example.com`): share links and the OpenID Connect redirect URI are built from it, and requests for any other `Host` are refused with 403 (DNS rebinding); over `https://` the pages also send HSTS',
    defaultValue: 'any host, links from the browser\'s address',
  },
  {
    name: 'ARCHWAY_REGISTRY_TIMEOUT_MS',
    meaning: 'per registry request (headers and body); blob transfers have their own deadline below',
    defaultValue: '15000',
  },
  {
    name: 'ARCHWAY_MAX_CONCURRENCY',
    meaning: 'requests in flight per registry for reads (manifests, configs, tags), and entries one inspect reads at once (each asks for its config as soon as it arrives): sized so a whole 48-entry list and its configs go out together',
    defaultValue: '64',
  },
  {
    name: 'ARCHWAY_MAX_TRANSFERS',
    meaning: 'blob transfers (streamed layer downloads and uploads) in flight per registry, a pool apart from the reads, so a stuck copy never starves inspection',
    defaultValue: '8',
  },
  {
    name: 'ARCHWAY_SLOT_WAIT_MS',
    meaning: 'longest wait for a free slot in either pool; then the request fails with 503 and `Retry-After`',
    defaultValue: '10000',
  },
  {
    name: 'ARCHWAY_TRANSFER_TIMEOUT_MS',
    meaning: 'total deadline of one blob transfer',
    defaultValue: '1800000 (30 min)',
  },
  {
    name: 'ARCHWAY_TRANSFER_MIN_BYTES_PER_SEC',
    meaning: 'a transfer is aborted (504) when its registry moves less than this while the transfer waits on it for a whole rate window',
    defaultValue: '10240',
  },
  {
    name: 'ARCHWAY_TRANSFER_RATE_WINDOW_MS',
    meaning: 'the window of that rate check',
    defaultValue: '30000',
  },
  {
    name: 'ARCHWAY_RETRY_AFTER_MAX_MS',
    meaning: 'a registry\'s 429/503 whose `Retry-After` is at most this is waited out once; a longer one is answered at once with it',
    defaultValue: '2000',
  },
  {
    name: 'ARCHWAY_MAX_LIST_NAMES',
    meaning: 'most names read across all pages of one list (tags, catalog, referrers); more is a 502 that names this setting',
    defaultValue: '100000',
  },
  {
    name: 'ARCHWAY_MAX_LIST_BYTES',
    meaning: 'most bytes read across all pages of one list',
    defaultValue: '16 MiB',
  },
  {
    name: 'ARCHWAY_MAX_ENTRIES',
    meaning: 'entries of an index whose details (child manifest and config) one inspect reads; the others are listed from their descriptor, and `?detailsFrom=N` (API and page) reads from entry N',
    defaultValue: '500',
  },
  {
    name: 'ARCHWAY_MAX_REGISTRIES',
    meaning: 'registry clients (with their tokens) kept in memory, least recently used dropped first',
    defaultValue: '256',
  },
  {
    name: 'ARCHWAY_REGISTRY_IDLE_MS',
    meaning: 'a registry client unused this long is dropped',
    defaultValue: '600000',
  },
  {
    name: 'ARCHWAY_MAX_ORIGINS',
    meaning: 'origins (registries, token servers, blob storage) each of the two connection pools (reads; writes and transfers) keeps connections to; the least recently used is closed first',
    defaultValue: '512',
  },
  {
    name: 'ARCHWAY_MAX_BODY_BYTES',
    meaning: 'largest request body (push, revert, summaries); a larger one is refused with 413 before it is read',
    defaultValue: '1 MiB',
  },
  {
    name: 'ARCHWAY_MAX_JSON_DEPTH',
    meaning: 'deepest nesting of arrays and objects in a JSON request body (400 beyond)',
    defaultValue: '32',
  },
  {
    name: 'ARCHWAY_CACHE_BYTES',
    meaning: 'bound of the in-memory content-addressed cache (manifests and configs by digest)',
    defaultValue: '256 MiB',
  },
  {
    name: 'ARCHWAY_PAGE_CACHE_MS',
    meaning:
      'how long a rendered inspect page is kept, from the second request for it, and shared by everyone whose request gives the same address, language, theme and inspection outcome (the tag is asked on every request; relative times are at most this old); 0 renders every request',
    defaultValue: '10000',
  },
  {
    name: 'ARCHWAY_PAGE_CACHE_BYTES',
    meaning: 'bound of the rendered inspect pages kept in memory',
    defaultValue: '32 MiB',
  },
  {
    name: 'ARCHWAY_CATALOG_PAGE_SIZE',
    meaning: 'repositories per catalog page when the caller gives no `n`',
    defaultValue: '100',
  },
  {
    name: 'ARCHWAY_CATALOG_MAX_PAGE',
    meaning: 'the largest `n` a catalog request may ask for',
    defaultValue: '1000',
  },
  {
    name: 'ARCHWAY_SUMMARY_BATCH',
    meaning: 'references per `POST /api/v1/summaries` (the tags list sends batches of this size)',
    defaultValue: '50',
  },
  {
    name: 'ARCHWAY_DATA_DIR',
    meaning: 'folder of the embedded SQLite audit log (created on first use); unused when `ARCHWAY_DATABASE_URL` is set',
    defaultValue: '`./data` (`/data` in the image)',
  },
  {
    name: 'ARCHWAY_DATABASE_URL',
    meaning:
      '`postgres://user:password@host:5432/db`: keep the audit log and the tag lock in PostgreSQL, as every replica must when there is more than one; migrations run on start',
    defaultValue: 'the embedded SQLite',
    isSecret: true,
  },
  {
    name: 'ARCHWAY_DATABASE_POOL_SIZE',
    meaning: 'PostgreSQL connections per replica for queries, and as many again for tag locks (a push holds one while it owns its tag’s lock)',
    defaultValue: '10',
  },
  {
    name: 'ARCHWAY_TAG_LOCK_TIMEOUT_MS',
    meaning: 'how long a push waits for another push to the same tag (on any replica) before answering 503',
    defaultValue: '60000',
  },
  {
    name: 'ARCHWAY_SHUTDOWN_TIMEOUT_MS',
    meaning:
      'on SIGTERM, how long pushes in flight may take to finish before the process exits anyway (a push cut off is settled at the next start)',
    defaultValue: '25000',
  },
  {
    name: 'ARCHWAY_METRICS_TOKEN',
    meaning: 'when set, `GET /metrics` requires `Authorization: Bearer <token>`',
    defaultValue: '',
    isSecret: true,
  },
  {
    name: 'LOG_LEVEL',
    meaning: 'pino level of the JSON log on stdout: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`',
    defaultValue: 'info',
  },
  {
    name: 'ARCHWAY_OIDC_ISSUER',
    meaning:
      'the OpenID Connect issuer URL (https; plain http only on loopback). With it and a client id, every page and API route except the sign-in flow and `/api/v1/health` requires a signed-in person',
    defaultValue: '',
  },
  {
    name: 'ARCHWAY_OIDC_CLIENT_ID',
    meaning: 'the client id registered with the provider; its redirect URI is `<ARCHWAY_PUBLIC_URL or the request origin>/auth/callback`',
    defaultValue: '',
  },
  {
    name: 'ARCHWAY_OIDC_CLIENT_SECRET',
    meaning: 'the client secret (omit for a public client: the sign-in always uses PKCE)',
    defaultValue: '',
    isSecret: true,
  },
  {
    name: 'ARCHWAY_OIDC_GROUPS_CLAIM',
    meaning: 'the claim (ID token or userinfo) that lists a person’s groups, for `group:<name>` in `ARCHWAY_WRITERS`',
    defaultValue: '`groups`',
  },
  {
    name: 'ARCHWAY_SESSION_SECRET',
    meaning:
      'seals the session cookie (32+ characters, e.g. `openssl rand -base64 48`); every replica needs the same one. Unset: one is generated once into `ARCHWAY_DATA_DIR/session-secret` (mode 0600), with a warning',
    defaultValue: 'generated',
    isSecret: true,
  },
  {
    name: 'ARCHWAY_SESSION_HOURS',
    meaning: 'how long a sign-in (to Archway and to registries) lasts',
    defaultValue: '12',
  },
  {
    name: 'ARCHWAY_USER_HEADER',
    meaning:
      'a header your authenticating proxy sets (e.g. `x-forwarded-user`) naming the person for the audit log; believed only on requests that come straight from `ARCHWAY_TRUSTED_PROXIES`, and ignored when OpenID Connect is configured',
    defaultValue: '',
  },
  {
    name: 'ARCHWAY_TRUSTED_PROXIES',
    meaning: 'comma-separated addresses or CIDRs of the proxies allowed to set `ARCHWAY_USER_HEADER` (and `X-Forwarded-For` for rate limits)',
    defaultValue: '',
  },
  {
    name: 'ARCHWAY_SHARED_CREDENTIALS',
    meaning:
      'what the server’s docker config (the team’s robot account) is used for: `read` (everyone inspects with it; pushes and reverts only for `ARCHWAY_WRITERS`), `write` (every signed-in person may push with it too) or `off`. A person’s own registry sign-in always wins',
    defaultValue: '`read`',
  },
  {
    name: 'ARCHWAY_WRITERS',
    meaning: 'comma-separated emails or `group:<name>` allowed to push and revert with the shared credentials under `read`',
    defaultValue: '',
  },
  {
    name: 'ARCHWAY_SIGNIN_ATTEMPTS_PER_MINUTE',
    meaning: 'registry sign-in attempts allowed per client address and minute; more get 429',
    defaultValue: '10',
  },
  {
    name: 'ARCHWAY_DEMO_REFERENCES',
    meaning: 'comma-separated references shown as one-click links on the home page',
    defaultValue: '',
  },
];

/** The setting of that name, or undefined: the one question the deployment tests ask. */
export function findSetting(name: string): Setting | undefined {
  return SETTINGS.find((setting) => setting.name === name);
}

/** The README's configuration table, rendered from SETTINGS. */
export function settingsTable(settings: readonly Setting[] = SETTINGS): string {
  const rows = settings.map((s) => `| \`${s.name}\` | ${s.meaning} | ${s.defaultValue} |`);
  return ['| variable | meaning | default |', '| --- | --- | --- |', ...rows].join('\n');
}
