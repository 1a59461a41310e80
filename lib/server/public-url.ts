/*
 * ARCHWAY_PUBLIC_URL: the address people use to reach Archway (`https://archway.example.com`). Share links are built
 * from it, and once it is set the server answers only requests addressed to its host, so a DNS-rebinding page (a
 * name of the attacker's that now resolves to Archway) cannot use a visitor's browser against it.
 */
import { memoizeOnEnv } from '@/lib/config/env-memo';

/** The public URL, or null when unset; a value that is not an absolute http(s) URL is an error naming the variable. */
function parsePublicUrl(env: Record<string, string | undefined>): URL | null {
  const raw = env.ARCHWAY_PUBLIC_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ARCHWAY_PUBLIC_URL must be an absolute URL such as https://archway.example.com (got "${raw}").`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`ARCHWAY_PUBLIC_URL must start with https:// or http:// (got "${raw}").`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`ARCHWAY_PUBLIC_URL is the server's address only: no query, fragment or credentials (got "${raw}").`);
  }
  return url;
}

/** readPublicUrl parsed once per value of the variables it reads (lib/config/env-memo.ts): it runs on every request. */
export const readPublicUrl = memoizeOnEnv(parsePublicUrl);
