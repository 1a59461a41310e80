import { canonicalTagKey } from '@/lib/oci/registry-host';
import { tryParseReference } from '@/lib/oci/reference';

/**
 * The key the audit log files a push under: the tag as the registry stores it (lib/oci/registry-host.ts), so the
 * history of `localhost:5000/app:1` lists the pushes typed as `127.0.0.1:5000/app:1` too, and Docker Hub's
 * `golang:1` those typed as `docker.io/library/golang:1`. The same key the push's tag lock is taken on. A target
 * that does not parse (none is recorded that way) is its own key.
 */
export function targetKeyOf(target: string): string {
  const parsed = tryParseReference(target);
  if (!parsed.ok || !parsed.reference.tag) return target;
  const { registry, repository, tag } = parsed.reference;
  return canonicalTagKey({ registry, repository, tag });
}
