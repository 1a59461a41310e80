'use client';

import Link from 'next/link';
import { useSession } from '@/lib/queries/session';

/** Who the history will name for a push from this browser: a verified identity, or `anonymous`; never a typed name. */
export function RecordedAs() {
  const session = useSession();
  const name = session.data?.user?.name;
  return (
    <span className="text-xs text-zinc-600" data-testid="recorded-as">
      Recorded in the history as <strong className="font-medium text-zinc-800">{name ?? 'anonymous'}</strong>
      {name ? null : (
        <>
          {' '}
          (<Link className="link" href="/registries">
            sign in to the registry
          </Link>{' '}
          to be named)
        </>
      )}
    </span>
  );
}
