import { useTranslations } from 'next-intl';
import Link from 'next/link';
import type { Theme } from '@/lib/present/theme';
import { HeaderReferenceBox } from './header-reference-box';
import { LocaleSwitch } from './locale-switch';
import { ThemeSwitch } from './theme-switch';

/** The bar on every page: the name, a reference box, and the way to build a new list. */
export function SiteHeader({ theme }: { theme: Theme }) {
  const t = useTranslations('header');
  return (
    // Sticky from md up: on a phone the header wraps to three rows, too much of the screen to keep.
    <header className="z-30 border-b border-zinc-200 bg-white/95 backdrop-blur md:sticky md:top-0">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
        <Link href="/" className="flex shrink-0 items-center gap-2 rounded font-semibold tracking-tight text-zinc-900">
          <ArchwayMark />
          Archway
        </Link>
        <div className="order-last flex w-full min-w-0 justify-center md:order-none md:w-auto md:flex-1">
          <HeaderReferenceBox />
        </div>
        <nav aria-label={t('main')} className="flex min-w-0 flex-wrap items-center gap-2">
          <ThemeSwitch initial={theme} />
          <LocaleSwitch />
          <Link href="/browse" className="btn">
            {t('browse')}
          </Link>
          <Link href="/compare" className="btn">
            {t('compare')}
          </Link>
          <Link href="/create" className="btn">
            {t('create')}
          </Link>
          <Link href="/registries" className="btn">
            {t('signIns')}
          </Link>
        </nav>
      </div>
    </header>
  );
}

function ArchwayMark() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5 text-indigo-600">
      <path fill="currentColor" d="M3 21V11a9 9 0 0 1 18 0v10h-4V11a5 5 0 0 0-10 0v10H3Z" />
    </svg>
  );
}
