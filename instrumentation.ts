// Next calls register() once when a server process starts, before it serves a request; `next build` calls it too
// (in its page-data workers), where there is nothing to settle and no signal to handle.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  // Sign-in first: its settings may stop the server, and every request needs the peer stamp.
  const { startAuth } = await import('./lib/auth/startup');
  startAuth();
  const { startServerLifecycle } = await import('./lib/server/lifecycle');
  startServerLifecycle();
}
