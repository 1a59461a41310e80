'use client';

import { useTranslations } from 'next-intl';
import { AppError } from '@/lib/api/errors';
import { useRegistrySignOut, useSession, useSignOut } from '@/lib/queries/session';
import { RegistrySignInForm } from './registry-sign-in-form';

/** The /registries page: who this browser is, the registries it is signed in to, and a form to add one. */
export function RegistrySignIns() {
  const t = useTranslations('session.signIns');
  const session = useSession();
  const leaveRegistry = useRegistrySignOut();
  const leaveAll = useSignOut();
  const error = session.error ? AppError.parse(session.error) : null;
  const user = session.data?.user ?? null;
  const registries = session.data?.registries ?? [];

  return (
    <div className="space-y-6">
      <section aria-labelledby="who-heading" className="card space-y-2 p-4">
        <h2 id="who-heading" className="card-title">
          {t('whoHeading')}
        </h2>
        {error ? <p role="alert">{error.message}</p> : null}
        <p className="text-sm text-zinc-700" data-testid="signed-in-as">
          {user ? (
            <>
              {t.rich('signedInAs', { name: user.name, strong: (chunks) => <strong>{chunks}</strong> })}
              {t(`via.${user.via}`)}
              {user.groups.length ? t('groups', { groups: user.groups.join(', ') }) : ''}
            </>
          ) : (
            t('nobody')
          )}
        </p>
        <button type="button" className="btn" onClick={() =>
            // Signed out of Archway too: with OpenID Connect the next page asks for a sign-in again. A full page load,
            // not router.push: the sign-in gate must see the new session and no cached data of the old one may stay.
            // eslint-disable-next-line @next/next/no-location-assign-relative-destination
            leaveAll.mutate(undefined, { onSuccess: () => window.location.assign('/') })
          } disabled={leaveAll.isPending}>
          {t('signOutAll')}
        </button>
      </section>

      <section aria-labelledby="registries-heading" className="card space-y-3 p-4">
        <h2 id="registries-heading" className="card-title">
          {t('registriesHeading')}
        </h2>
        <p className="text-xs text-zinc-600">{t('registriesExplanation')}</p>
        {registries.length ? (
          <ul className="divide-y divide-zinc-100 text-sm">
            {registries.map((signIn) => (
              <li key={signIn.registry} className="flex items-center justify-between gap-2 py-1.5">
                <span>
                  {t.rich('signedInTo', {
                    registry: signIn.registry,
                    username: signIn.username,
                    mono: (chunks) => <span className="font-mono">{chunks}</span>,
                    strong: (chunks) => <strong>{chunks}</strong>,
                  })}
                </span>
                <button type="button" className="btn" onClick={() => leaveRegistry.mutate(signIn.registry)} aria-label={t('signOutOf', { registry: signIn.registry })}>
                  {t('signOut')}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-zinc-500">{t('none')}</p>
        )}
        <RegistrySignInForm />
      </section>
    </div>
  );
}
