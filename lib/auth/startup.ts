import 'server-only';
import { installPeerStamp } from './peer';
import { readAuthSettings } from './settings';

/**
 * Prepares sign-in when the server starts: the peer-address stamp every request needs, and a check of the
 * settings. Settings that cannot work stop the server here, rather than letting it serve without the protection
 * someone configured.
 */
export function startAuth(): void {
  installPeerStamp();
  try {
    readAuthSettings();
  } catch (err) {
    console.error(`[archway] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
