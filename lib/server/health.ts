import 'server-only';
import { auditStore } from '@/lib/audit/log';
import { isDraining } from './draining';

/*
 * What the health route reports. Only what this replica itself needs is checked: registries are other people's
 * services, and a registry outage must not make an orchestrator restart every Archway replica.
 */

export type Check = { status: 'ok' | 'failing'; message?: string; [detail: string]: unknown };
export type Health = { status: 'ok' | 'failing'; checks: Record<string, Check> };

/** A database that does not answer within this is as good as down for a probe. */
const AUDIT_PING_TIMEOUT_MS = 2000;

/** Runs every check; the whole is ok only when each one is. */
export async function checkHealth(): Promise<Health> {
  const checks: Record<string, Check> = {
    audit: await checkAuditStore(),
    shutdown: isDraining() ? { status: 'failing', message: 'shutting down (SIGTERM): finishing requests in flight' } : { status: 'ok' },
  };
  const isOk = Object.values(checks).every((check) => check.status === 'ok');
  return { status: isOk ? 'ok' : 'failing', checks };
}

async function checkAuditStore(): Promise<Check> {
  let store: ReturnType<typeof auditStore> | undefined;
  try {
    store = auditStore();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${AUDIT_PING_TIMEOUT_MS} ms`)), AUDIT_PING_TIMEOUT_MS);
    });
    await Promise.race([store.ping(), timeout]).finally(() => clearTimeout(timer));
    return { status: 'ok', store: store.kind };
  } catch (err) {
    return { status: 'failing', store: store?.kind, message: `the audit log does not answer: ${(err as Error)?.message ?? String(err)}` };
  }
}
