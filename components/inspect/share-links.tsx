'use client';

import { useTranslations } from 'next-intl';
import type { InspectResponse } from '@/lib/api/inspect';
import { inspectHref, pinnedReference, shareUrl, tagReference, type EntrySelection } from '@/lib/present/links';
import { usePublicUrl } from '@/components/shared/public-url';
import { CopyButton } from '@/components/ui/copy-button';

type ShareLinksProps = { data: InspectResponse; selection: EntrySelection | null };

type ShareLink = { id: string; label: string; hint: string; href: string };
type Translate = ReturnType<typeof useTranslations<'inspect.share'>>;

function shareLinks(data: InspectResponse, selection: EntrySelection | null, t: Translate): ShareLink[] {
  const pinned = pinnedReference(data, data.tag, data.digest);
  const links: ShareLink[] = [];
  if (data.tag) {
    links.push({ id: 'tag', label: t('tag'), hint: t('tagHint'), href: inspectHref(tagReference(data, data.tag)) });
  }
  links.push({ id: 'permalink', label: t('permalink'), hint: t('permalinkHint'), href: inspectHref(pinned) });
  if (selection) {
    links.push({
      id: 'entry',
      label: selection.platform ? t('entry', { platform: selection.platform }) : t('thisEntry'),
      hint: t('entryHint'),
      href: inspectHref(pinned, selection),
    });
  }
  return links;
}

/** Copyable links for teammates: the tag, the exact digest, and the entry on screen. */
export function ShareLinks({ data, selection }: ShareLinksProps) {
  const t = useTranslations('inspect.share');
  const publicUrl = usePublicUrl();
  return (
    <div role="group" aria-label={t('label')} className="flex flex-wrap items-center gap-2">
      <span className="text-xs font-medium text-zinc-600">{t('label')}</span>
      {shareLinks(data, selection, t).map((link) => (
        <span key={link.id} className="inline-flex items-stretch">
          <CopyButton value={() => shareUrl(link.href, publicUrl, window.location.origin)} label={`${link.label}. ${link.hint}.`} className="btn rounded-r-none">
            {link.label}
          </CopyButton>
          <a
            href={link.href}
            data-share={link.id}
            title={`${link.hint}: ${link.href}`}
            aria-label={t('open', { hint: link.hint.toLowerCase() })}
            className="inline-flex min-h-6 min-w-6 items-center justify-center rounded-r-md border border-l-0 border-zinc-300 bg-white px-1.5 text-xs text-zinc-600 shadow-xs hover:bg-zinc-50 hover:text-zinc-900"
          >
            ↗
          </a>
        </span>
      ))}
    </div>
  );
}
