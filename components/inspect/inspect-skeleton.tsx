import { useTranslations } from 'next-intl';
import { Skeleton } from '@/components/ui/skeleton';

/** The inspect page's shape while the registry answers. */
export function InspectSkeleton() {
  const t = useTranslations('inspect.loading');
  return (
    <div role="status" aria-label={t('label')} className="space-y-4">
      <div className="card space-y-3 p-4">
        <Skeleton className="h-6 w-2/3" />
        <Skeleton className="h-4 w-full max-w-xl" />
        <Skeleton className="h-4 w-1/2" />
      </div>
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <div className="card space-y-2 p-4">
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-24 w-full" />
        </div>
        <div className="card space-y-2 p-4">
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-16 w-full" />
        </div>
      </div>
      <div className="card space-y-2 p-4">
        {Array.from({ length: 6 }, (_, row) => (
          <Skeleton key={row} className="h-5 w-full" />
        ))}
      </div>
      <span className="sr-only">{t('text')}</span>
    </div>
  );
}
