'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';

/** A failure while rendering the page itself (registry failures are shown by the page with what to do). */
export default function InspectRenderError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('inspectRenderError');
  const tc = useTranslations('common');
  return (
    <section role="alert" aria-labelledby="render-error-heading" className="card border-red-200 p-5">
      <h1 id="render-error-heading" className="text-lg font-semibold text-zinc-900">
        {t('heading')}
      </h1>
      <p className="mt-2 text-sm text-zinc-700">
        {error.digest ? t('explanationWithId', { id: error.digest }) : t('explanation')}
      </p>
      <div className="mt-4 flex gap-2">
        <button type="button" className="btn-primary" onClick={reset}>
          {tc('retry')}
        </button>
        <Link href="/" className="btn">
          {t('inspectAnother')}
        </Link>
      </div>
    </section>
  );
}
