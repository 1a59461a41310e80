import { tagKeyOf } from '@/lib/oci/reference';

/**
 * The key the audit log files a push under: the tag as the registry stores it (lib/oci/registry-host.ts), so the
 * history of `localhost:5000/app:1` lists the pushes typed as `127.0.0.1:5000/app:1` too, and Docker Hub's
 * `golang:1` those typed as `docker.io/library/golang:1`. The same key the push's tag lock is taken on. A target
 * that does not parse (none is recorded that way) is its own key.
 *
 * Keys are stored: a change to the rule that makes them needs a migration that keys every row again, or the history
 * of a tag splits between the old key and the new.
 */
export function targetKeyOf(target: string): string {
  return tagKeyOf(target) ?? target;
}
