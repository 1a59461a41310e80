'use client';

import type { InspectResponse } from '@/lib/api/inspect';
import { inspectHref, pinnedReference, tagReference, type EntrySelection } from '@/lib/client/links';
import { CopyButton } from '@/components/ui/copy-button';

type ShareLinksProps = { data: InspectResponse; selection: EntrySelection | null };

type ShareLink = { id: string; label: string; hint: string; href: string };

function shareLinks(data: InspectResponse, selection: EntrySelection | null): ShareLink[] {
  const pinned = pinnedReference(data, data.tag, data.digest);
  const links: ShareLink[] = [];
  if (data.tag) {
    links.push({ id: 'tag', label: 'Link to the tag', hint: 'follows the tag when it moves', href: inspectHref(tagReference(data, data.tag)) });
  }
  links.push({ id: 'permalink', label: 'Permalink', hint: 'pinned to this digest', href: inspectHref(pinned) });
  if (selection) {
    links.push({ id: 'entry', label: 'Link to the selected entry', hint: selection.platform ?? 'by digest', href: inspectHref(pinned, selection) });
  }
  return links;
}

/** Copyable links for teammates: the tag, the exact digest, and the entry on screen. */
export function ShareLinks({ data, selection }: ShareLinksProps) {
  return (
    <section aria-labelledby="share-heading" className="card p-4">
      <h2 id="share-heading" className="card-title">
        Share
      </h2>
      <ul className="mt-2 space-y-2">
        {shareLinks(data, selection).map((link) => (
          <li key={link.id} className="text-xs">
            <div className="flex items-center justify-between gap-2">
              <span className="font-medium text-zinc-700">
                {link.label} <span className="font-normal text-zinc-500">({link.hint})</span>
              </span>
              <CopyButton value={() => new URL(link.href, window.location.origin).toString()} label={`Copy ${link.label.toLowerCase()}`}>
                Copy
              </CopyButton>
            </div>
            <a href={link.href} data-share={link.id} className="link mt-0.5 block truncate font-mono text-[11px]" title={link.href}>
              {link.href}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
