import 'server-only';
import { retryDelayMs, type RetryPolicy } from '@/lib/oci/retry-rule';
import { Authenticator } from './auth';
import { withDeadline } from './deadline';
import { FoundOnce } from './found-once';
import { resolveCredentials, type Credentials } from './credentials';
import { registryHost } from '@/lib/oci/registry-host';
import { isRegistryAllowed } from './egress-policy';
import { allowsPlainHttp, mayFallBackToHttp } from './endpoint';
import { errorFromResponse, parseRetryAfter, RegistryError } from './errors';
import type { HostPattern } from './host-patterns';
import { isDowngrade, isSameOrigin, MAX_REDIRECTS, redirectLocation } from './redirects';
import { SlotPool, SlotTimeout } from './slots';
import type { TransferWatch } from './transfer-watch';
import { networkFailure, type FetchLike } from './transport';
import type { RegistryRequestStats } from './types';

/*
 * One registry's conversation: which scheme it speaks (found once with `GET /v2/`, which also brings the first
 * auth challenge), the credentials and tokens for it, two bounded pools of request slots (reads, and blob
 * transfers: a stuck transfer never takes a slot inspection needs; see slots.ts), and the deadlines: per request,
 * or for a transfer its TransferWatch. Resource modules (manifests, blobs, tags, catalog) describe a request and
 * how to read its answer; this module does the rest: the one re-authentication a 401 earns, and the one wait a
 * 429 or 503 earns when its Retry-After is short (the shared rule of lib/oci/retry-rule.ts).
 */

export type SessionOptions = {
  registry: string;
  /** undefined: look them up in the docker config; null: anonymous. */
  credentials?: Credentials | null;
  insecure?: boolean;
  insecureRegistries: readonly string[];
  /** ARCHWAY_ALLOWED_REGISTRIES; null when unset. */
  allowedRegistries: readonly HostPattern[] | null;
  trustedTokenRealms: readonly HostPattern[];
  dockerConfigDir: string;
  dockerAuthConfig: string | undefined;
  timeoutMs: number;
  maxConcurrency: number;
  maxTransfers: number;
  slotWaitMs: number;
  retryAfterMaxMs: number;
  fetch: FetchLike;
  now: () => number;
};

export type RequestSpec = {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  /** A path under the registry root (`/v2/...`) or an absolute URL (an upload Location, a Link). */
  target: string;
  /** Token scopes the request needs (`repository:name:pull`). */
  scopes: string[];
  /** What Archway is doing, for error messages: `GET manifest demo/app:1.0`. */
  operation: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string | ReadableStream<Uint8Array>;
  signal?: AbortSignal;
  /** Follow 3xx (blob downloads may redirect to storage), dropping Authorization when the host changes. */
  followRedirects?: boolean;
  /**
   * A blob transfer: it takes a slot of the transfer pool, and its deadline is the watch (a total time and a
   * minimum rate) instead of the per-request deadline. Its body, if streamed, must already pass `watch.count`.
   */
  transfer?: TransferWatch;
};


/** Statuses that may carry a Retry-After worth waiting for. */
const COME_BACK_LATER = new Set([429, 503]);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

// Hosts that answered over TLS in this process: never tried over plain HTTP again, whatever client asks.
const hostsSpeakingTls = new Set<string>();

export class RegistrySession {
  readonly registry: string;
  readonly host: string;
  private readonly auth: Authenticator;
  private readonly reads: SlotPool;
  private readonly transfers: SlotPool;
  private readonly retryPolicy: RetryPolicy;
  private readonly counters: RegistryRequestStats = { requests: 0, byMethod: {}, tokenRequests: 0 };
  private readonly base = new FoundOnce(() => this.probe());
  private readonly credentialsLookup = new FoundOnce(() => this.lookUpCredentials());

  constructor(private readonly opts: SessionOptions) {
    this.registry = opts.registry;
    this.host = registryHost(opts.registry);
    this.reads = new SlotPool('request', opts.maxConcurrency, opts.slotWaitMs);
    this.transfers = new SlotPool('transfer', opts.maxTransfers, opts.slotWaitMs);
    // The server answers promptly: it waits only when the registry said how long, and never guesses a pause.
    this.retryPolicy = { retries: 1, maxRetryAfterMs: opts.retryAfterMaxMs, backoffMs: null };
    this.auth = new Authenticator({
      registry: opts.registry,
      realm: {
        registry: opts.registry,
        insecureRegistries: opts.insecureRegistries,
        insecure: opts.insecure,
        trustedRealms: opts.trustedTokenRealms,
      },
      fetch: opts.fetch,
      credentials: () => this.credentials(),
      timeoutMs: opts.timeoutMs,
      now: opts.now,
      onTokenRequest: () => {
        this.counters.tokenRequests++;
      },
    });
  }

  /** Requests sent so far (registry and token server), and the slots in use, for the benchmark and tests. */
  stats(): RegistryRequestStats {
    return {
      ...this.counters,
      byMethod: { ...this.counters.byMethod },
      slots: { requests: this.reads.active, transfers: this.transfers.active, waiting: this.reads.waiting + this.transfers.waiting },
    };
  }

  /** The credentials used for this registry (looked up once; a failed lookup is tried again next time). */
  credentials(): Promise<Credentials | null> {
    if (this.opts.credentials !== undefined) return Promise.resolve(this.opts.credentials);
    return this.credentialsLookup.get();
  }

  private lookUpCredentials(): Promise<Credentials | null> {
    return resolveCredentials(this.registry, {
      configDir: this.opts.dockerConfigDir,
      authConfigEnv: this.opts.dockerAuthConfig,
    }).catch((err: unknown) => {
      throw new RegistryError({
        message: `${this.registry}: cannot read the credentials for ${this.registry}: ${err instanceof Error ? err.message : String(err)}. Fix the docker config (or remove it for anonymous access).`,
        registry: this.registry,
        operation: 'read credentials',
        kind: 'credentials',
        cause: err,
      });
    });
  }

  /**
   * Checks that the registry accepts this session's credentials, as `docker login` does: `GET /v2/` after the
   * challenge (a token with no scope from the token server, or Basic). A registry that asks for none cannot vouch
   * for a name, so that is refused too.
   */
  async verifySignIn(): Promise<void> {
    const operation = 'sign in';
    await this.baseUrl();
    if (!this.auth.isRequired) {
      throw new RegistryError({
        message: `${this.registry} asks for no credentials: anyone may use it, so there is nothing to sign in to.`,
        registry: this.registry,
        operation,
        kind: 'usage',
      });
    }
    await this.send({ method: 'GET', target: '/v2/', scopes: [], operation }, async (response) => {
      if (response.status !== 200) return this.fail(response, operation);
      await response.body?.cancel();
    });
  }

  /**
   * Sends one request and hands the answer to `read` while the request slot and deadline are still held.
   * `read` gets every status except a 401 (re-authenticated once, then turned into an error). No slot within
   * ARCHWAY_SLOT_WAIT_MS is a `busy` error (503 with Retry-After).
   */
  send<T>(spec: RequestSpec, read: (response: Response, url: string) => Promise<T>): Promise<T> {
    const pool = spec.transfer ? this.transfers : this.reads;
    return pool.run(() => this.sendHoldingSlot(spec, read), spec.signal).catch((err: unknown) => {
      if (err instanceof SlotTimeout) throw this.busy(err, spec.operation);
      throw err;
    });
  }

  private sendHoldingSlot<T>(spec: RequestSpec, read: (response: Response, url: string) => Promise<T>): Promise<T> {
    if (spec.transfer) {
      // A transfer's deadline is its watch. Its body may stream on after `read` returns (a download feeding an
      // upload), so its signal must outlive this call: the watch's and the caller's, linked for good.
      const { signal: watch } = spec.transfer;
      return this.sendBefore(spec.signal ? AbortSignal.any([spec.signal, watch]) : watch, spec, read);
    }
    // Any other request is read whole inside `read`: the per-request deadline (headers and body) or the caller
    // giving up stops it, and both links go when it settles.
    return withDeadline(this.opts.timeoutMs, (signal) => this.sendBefore(signal, spec, read), [spec.signal]);
  }

  private async sendBefore<T>(signal: AbortSignal, spec: RequestSpec, read: (response: Response, url: string) => Promise<T>): Promise<T> {
    try {
      const base = new URL(await this.baseUrl());
      const url = new URL(spec.target, base);
      if (base.protocol === 'https:' && url.protocol !== 'https:') throw this.downgradeRefusal(spec.operation, url);
      const target = url.toString();
      // An absolute Link or Location on another host gets no credentials: they belong to this registry only.
      const isRegistryOrigin = url.origin === base.origin;
      const respond = async () =>
        isRegistryOrigin ? this.authorizedExchange(spec, target, base, signal) : (await this.exchange(spec, target, undefined, signal)).response;
      return await read(await this.waitingOutRetryAfter(spec, respond, signal), target);
    } catch (err) {
      if (spec.signal?.aborted) throw spec.signal.reason;
      if (spec.transfer?.signal.aborted) throw spec.transfer.signal.reason;
      throw networkFailure(err, { registry: this.registry, host: this.host, operation: spec.operation, timeoutMs: this.opts.timeoutMs });
    }
  }

  /** A 429 or 503 with a short Retry-After is waited out once (requests without a streamed body only). */
  private async waitingOutRetryAfter(spec: RequestSpec, respond: () => Promise<Response>, signal: AbortSignal): Promise<Response> {
    for (let retry = 0; ; retry++) {
      const response = await respond();
      if (!COME_BACK_LATER.has(response.status) || spec.body instanceof ReadableStream) return response;
      const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
      const waitMs = retryDelayMs({ status: response.status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) }, retry, this.retryPolicy);
      if (waitMs === null) return response;
      await response.body?.cancel();
      await sleep(waitMs, signal);
    }
  }

  private busy(timeout: SlotTimeout, operation: string): RegistryError {
    const retryAfterSeconds = Math.max(1, Math.ceil(timeout.waitedMs / 1000));
    return new RegistryError({
      message:
        `${this.registry}: ${operation}: every ${timeout.pool} slot for this registry stayed busy for ${timeout.waitedMs} ms ` +
        `(ARCHWAY_SLOT_WAIT_MS); retry in ${retryAfterSeconds} s`,
      registry: this.registry,
      operation,
      kind: 'busy',
      retryAfterSeconds,
      cause: timeout,
    });
  }

  private downgradeRefusal(operation: string, url: URL): RegistryError {
    return new RegistryError({
      message: `${this.registry}: ${operation}: the registry answers over HTTPS but sent Archway to plain HTTP (${url.origin}); refusing to downgrade. Check the registry's proxy settings (X-Forwarded-Proto, relativeurls).`,
      registry: this.registry,
      operation,
      kind: 'invalid-response',
    });
  }

  /** Throws the RegistryError for an unexpected answer (reading its error body). */
  async fail(response: Response, operation: string, hint?: string): Promise<never> {
    throw await errorFromResponse(response, { registry: this.registry, operation }, hint);
  }

  private async authorizedExchange(spec: RequestSpec, url: string, base: URL, signal: AbortSignal): Promise<Response> {
    const { response: first, finalUrl } = await this.exchange(spec, url, await this.auth.authorization(spec.scopes), signal);
    // A 401 from wherever a redirect led (blob storage, another host) is that host's error, never a challenge to
    // answer with this registry's credentials.
    if (first.status !== 401 || !isSameOrigin(finalUrl, base)) return first;
    const challenge = this.auth.learn(first.headers.get('www-authenticate'));
    // A streamed body cannot be sent twice; uploads authenticate before they stream, so this is rare.
    const canResend = !(spec.body instanceof ReadableStream);
    if (!challenge || !canResend) throw await this.auth.refusal(challenge, first, spec.operation);
    await first.body?.cancel();
    const scopes = [...new Set([...spec.scopes, ...(challenge.params.scope?.split(' ') ?? [])])];
    const { response: second, finalUrl: secondUrl } = await this.exchange(spec, url, await this.auth.authorization(scopes, true), signal);
    if (second.status !== 401 || !isSameOrigin(secondUrl, base)) return second;
    throw await this.auth.refusal(this.auth.learn(second.headers.get('www-authenticate')) ?? challenge, second, spec.operation);
  }

  /** Sends the request, following redirects when the spec allows; says where the answer finally came from. */
  private async exchange(
    spec: RequestSpec,
    url: string,
    authorization: string | undefined,
    signal: AbortSignal,
  ): Promise<{ response: Response; finalUrl: string }> {
    const headers: Record<string, string> = { ...spec.headers };
    if (authorization) headers.authorization = authorization;
    let current = url;
    for (let hop = 0; ; hop++) {
      this.count(spec.method);
      const response = await this.opts.fetch(current, {
        method: spec.method,
        headers,
        ...(spec.body === undefined ? {} : { body: spec.body }),
        signal,
        redirect: 'manual',
        transfer: spec.transfer !== undefined,
      });
      const next = spec.followRedirects ? redirectLocation(response, current) : null;
      if (!next) return { response, finalUrl: current };
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) {
        throw new RegistryError({
          message: `${this.registry}: ${spec.operation}: more than ${MAX_REDIRECTS} redirects`,
          registry: this.registry,
          operation: spec.operation,
          kind: 'invalid-response',
          status: response.status,
        });
      }
      if (isDowngrade(current, next)) throw this.downgradeRefusal(spec.operation, next);
      // Storage behind a redirect (S3, a CDN) must never see the registry's token.
      if (!isSameOrigin(current, next)) delete headers.authorization;
      current = next.toString();
    }
  }

  private count(method: string): void {
    this.counters.requests++;
    this.counters.byMethod[method] = (this.counters.byMethod[method] ?? 0) + 1;
  }

  /** `https://host` or `http://host`, found once by `GET /v2/` (whose 401 also tells how to authenticate). */
  private baseUrl(): Promise<string> {
    if (!isRegistryAllowed(this.registry, this.opts.allowedRegistries)) return Promise.reject(this.notAllowed());
    return this.base.get();
  }

  private notAllowed(): RegistryError {
    return new RegistryError({
      message: `${this.registry} is not one of the registries this Archway may reach (ARCHWAY_ALLOWED_REGISTRIES); ask whoever runs it to add the registry if the team should use it`,
      registry: this.registry,
      operation: 'reach the registry',
      kind: 'policy',
    });
  }

  private async probe(): Promise<string> {
    const httpAllowed =
      !hostsSpeakingTls.has(this.host) &&
      allowsPlainHttp(this.host, { insecure: this.opts.insecure, insecureRegistries: this.opts.insecureRegistries });
    try {
      const base = `https://${this.host}`;
      await this.ping(base);
      hostsSpeakingTls.add(this.host);
      return base;
    } catch (err) {
      if (!httpAllowed || !mayFallBackToHttp(err)) {
        throw networkFailure(err, { registry: this.registry, host: this.host, operation: 'GET /v2/', timeoutMs: this.opts.timeoutMs });
      }
    }
    const base = `http://${this.host}`;
    try {
      await this.ping(base);
    } catch (err) {
      throw networkFailure(err, { registry: this.registry, host: this.host, operation: 'GET /v2/', timeoutMs: this.opts.timeoutMs });
    }
    return base;
  }

  private ping(base: string): Promise<void> {
    return withDeadline(this.opts.timeoutMs, async (signal) => {
      const response = await this.opts.fetch(`${base}/v2/`, { method: 'GET', signal, redirect: 'manual' });
      // Counted once answered: an HTTPS attempt on a plain-HTTP port is a failed handshake, not a request.
      this.count('GET');
      await response.body?.cancel();
      if (response.status === 401) this.auth.learn(response.headers.get('www-authenticate'));
    });
  }
}
