import 'server-only';
import { tagLocksInUse } from '@/lib/audit/tag-lock';
import { logger } from '@/lib/observability/logger';
import { ensureMetrics } from '@/lib/observability/metrics';
import { settleRecordedPushes } from '@/lib/push/history';
import { startDraining } from './draining';
import { readPageCacheSettings } from './page-cache';

/*
 * Start and stop of a server process. At start: count metrics, then settle the audit records a previous process
 * left pending (in the background: a slow registry must not delay serving). On SIGTERM (a rolling deploy, a node
 * drain): Next stops accepting connections and finishes the requests it has; Archway refuses new pushes, reports
 * itself unhealthy, and gives the pushes in flight ARCHWAY_SHUTDOWN_TIMEOUT_MS before it exits regardless. A push
 * cut off there stays pending and is settled by the next process to start or read its history.
 */

const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;

const globalForLifecycle = globalThis as typeof globalThis & { __archwayLifecycle?: { isStarted: boolean } };
const state = (globalForLifecycle.__archwayLifecycle ??= { isStarted: false });

/** Called once per process by instrumentation.ts. */
export function startServerLifecycle(): void {
  if (state.isStarted) return;
  state.isStarted = true;
  // A malformed page cache setting stops the server here rather than turn up on the first inspect page.
  try {
    readPageCacheSettings();
  } catch (err) {
    console.error(`[archway] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  ensureMetrics();
  void settleRecordedPushes().then(
    (settled) => logger.info({ settled }, 'start-up: pending audit records settled'),
    (err: unknown) => logger.warn({ err: (err as Error)?.message }, 'start-up: the audit log is not reachable yet; pending records are settled when history is read'),
  );
  process.once('SIGTERM', () => void drain());
}

/** Next finishes the requests it has, pushes included, then exits; this only bounds how long that may take. */
function drain(): void {
  startDraining();
  const timeoutMs = shutdownTimeoutMs();
  logger.info({ pushesInFlight: tagLocksInUse(), timeoutMs }, 'SIGTERM: draining');
  const force = setTimeout(() => {
    logger.warn({ pushesInFlight: tagLocksInUse() }, 'shutdown: requests still running after ARCHWAY_SHUTDOWN_TIMEOUT_MS; exiting, cut-off pushes stay pending');
    process.exit(143);
  }, timeoutMs);
  // Unref'd: when Next exits earlier, as it does once the last request is answered, nothing waits for this.
  force.unref();
}

function shutdownTimeoutMs(): number {
  const raw = Number(process.env.ARCHWAY_SHUTDOWN_TIMEOUT_MS);
  return Number.isInteger(raw) && raw > 0 ? raw : DEFAULT_SHUTDOWN_TIMEOUT_MS;
}
