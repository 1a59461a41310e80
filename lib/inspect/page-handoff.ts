import 'server-only';
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { InspectResponse } from '@/lib/api/inspect';

/*
 * The inspect page answers with the real HTTP status (404, 401, 502...), which the App Router can only take from
 * the proxy that runs before the render: so proxy.ts runs the inspection, sets the status from its outcome, and
 * hands the outcome (kept here, under a random id it passes in a request header) to the page render of the same
 * request, which shows it without asking the registry again. Both run in the one server process; the table is on
 * globalThis because proxy and pages are separate bundles. A page that finds nothing here (no proxy ran, or the
 * entry expired) inspects by itself.
 */

/** The request header that carries the id from the proxy to the page. */
export const HANDOFF_HEADER = 'x-archway-inspection';

const globalForHandoff = globalThis as typeof globalThis & { __archwayInspectHandoff?: LRUCache<string, Promise<InspectResponse>> };

function table(): LRUCache<string, Promise<InspectResponse>> {
  // Bounded in count and time: a handed-off outcome whose page never comes (a closed tab) is dropped.
  globalForHandoff.__archwayInspectHandoff ??= new LRUCache({ max: 1000, ttl: 60_000 });
  return globalForHandoff.__archwayInspectHandoff;
}

/** Keeps an inspection's outcome for the page; returns the id to pass in HANDOFF_HEADER. */
export function handOff(outcome: Promise<InspectResponse>): string {
  const id = randomUUID();
  outcome.catch(() => undefined); // the page reads the failure; until then it is not unhandled
  table().set(id, outcome);
  return id;
}

/** Takes (once) the outcome the proxy handed off under `id`. */
export function takeHandedOff(id: string | null): Promise<InspectResponse> | undefined {
  if (!id) return undefined;
  const outcome = table().get(id);
  table().delete(id);
  return outcome;
}
