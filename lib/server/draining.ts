import 'server-only';

// Kept on globalThis: instrumentation and the route handlers are separate bundles of one process.
const globalForDraining = globalThis as typeof globalThis & { __archwayDraining?: { isDraining: boolean } };
const state = (globalForDraining.__archwayDraining ??= { isDraining: false });

/** True once SIGTERM arrived: new pushes are refused and the health check fails, so load balancers move on. */
export function isDraining(): boolean {
  return state.isDraining;
}

/** Marks this process as shutting down. */
export function startDraining(): void {
  state.isDraining = true;
}
