'use client';

import type { InspectResponse } from '@/lib/api/inspect';
import { inspectHref, pinnedReference, shareUrl, tagReference, type EntrySelection } from '@/lib/present/links';
import { usePublicUrl } from '@/components/shared/public-url';
import { CopyButton } from '@/components/ui/copy-button';

type ShareLinksProps = { data: InspectResponse; selection: EntrySelection | null };

type ShareLink = { id: string; label: string; hint: string; href: string };

function shareLinks(data: InspectResponse, selection: EntrySelection | null): ShareLink[] {
  const pinned = pinnedReference(data, data.tag, data.digest);
  const links: ShareLink[] = [];
  if (data.tag) {
    links.push({ id: 'tag', label: 'Copy link to the tag', hint: 'Follows the tag when it moves', href: inspectHref(tagReference(data, data.tag)) });
  }
  links.push({ id: 'permalink', label: 'Copy permalink', hint: 'Pinned to this digest: always shows this exact list', href: inspectHref(pinned) });
  if (selection) {
    links.push({
      id: 'entry',
      label: `Copy link to ${selection.platform ?? 'this entry'}`,
      hint: 'Pinned to this digest, with the selected entry open',
      href: inspectHref(pinned, selection),
    });
  }
  return links;
}

/** Copyable links for teammates: the tag, the exact digest, and the entry on screen. */
export function ShareLinks({ data, selection }: ShareLinksProps) {
  const publicUrl = usePublicUrl();
  return (
    <div role="group" aria-label="Share" className="flex flex-wrap items-center gap-2">
      <span className="text-xs font-medium text-zinc-600">Share</span>
      {shareLinks(data, selection).map((link) => (
        <span key={link.id} className="inline-flex items-stretch">
          <CopyButton value={() => shareUrl(link.href, publicUrl, window.location.origin)} label={`${link.label}. ${link.hint}.`} className="btn rounded-r-none">
            {link.label}
          </CopyButton>
          <a
            href={link.href}
            data-share={link.id}
            title={`${link.hint}: ${link.href}`}
            aria-label={`Open: ${link.hint.toLowerCase()}`}
            className="inline-flex min-h-6 min-w-6 items-center justify-center rounded-r-md border border-l-0 border-zinc-300 bg-white px-1.5 text-xs text-zinc-600 shadow-xs hover:bg-zinc-50 hover:text-zinc-900"
          >
            ↗
          </a>
        </span>
      ))}
    </div>
  );
}
