'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useSession } from '@/lib/queries/session';

/** Who the history will name for a push from this browser: a verified identity, or `anonymous`; never a typed name. */
export function RecordedAs() {
  const t = useTranslations('session.recordedAs');
  const session = useSession();
  const name = session.data?.user?.name;
  return (
    <span className="text-xs text-zinc-600" data-testid="recorded-as">
      {t.rich('recordedAs', { name: name ?? t('anonymous'), strong: (chunks) => <strong className="font-medium text-zinc-800">{chunks}</strong> })}
      {name ? null : (
        <>
          {' '}
          {t.rich('signInToBeNamed', {
            link: (chunks) => (
              <Link className="link" href="/registries">
                {chunks}
              </Link>
            ),
          })}
        </>
      )}
    </span>
  );
}
