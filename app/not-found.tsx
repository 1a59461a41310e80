import { useTranslations } from 'next-intl';
import Link from 'next/link';

/** Archway's own 404: says what is missing and offers the way on. */
export default function NotFound() {
  const t = useTranslations('notFound');
  return (
    <div className="mx-auto max-w-xl space-y-4 pt-10 text-center">
      <p className="font-mono text-sm text-indigo-700">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">{t('heading')}</h1>
      <p className="text-sm text-zinc-700">{t('explanation', { pattern: '/inspect/<reference>', example: '/inspect/golang:alpine' })}</p>
      <p className="flex justify-center gap-3">
        <Link href="/" className="btn-primary">
          {t('home')}
        </Link>
        <Link href="/create" className="btn">
          {t('create')}
        </Link>
      </p>
    </div>
  );
}
