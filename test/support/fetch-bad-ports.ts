import { isPortFree } from '@/scripts/lib/registry-process';

/*
 * Ports the Fetch standard's "bad port" list blocks (https://fetch.spec.whatwg.org/#port-blocking), so Node's fetch
 * refuses them; a registry may still listen on one. Only the unprivileged ones: a test needs one that is free.
 */
const BAD_PORTS = [6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080, 6000, 6566, 5060, 5061, 4190, 4045, 3659, 2049, 1723, 1720, 1719];

/** A bad port that is free on `address` right now (the caller binds it a moment later). */
export async function freeBadPort(address = '127.0.0.1'): Promise<number> {
  for (const port of BAD_PORTS) if (await isPortFree(port, address)) return port;
  throw new Error(`every one of the Fetch standard's unprivileged bad ports is in use on ${address}: ${BAD_PORTS.join(', ')}`);
}
