'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { AppError } from '@/lib/api/errors';
import { useRegistrySignIn } from '@/lib/queries/session';

type RegistrySignInFormProps = {
  /** The registry to sign in to; without it the person types one. */
  registry?: string;
  /** Called once the registry accepted the credentials (everything read from registries has been refetched). */
  onSignedIn?: () => void;
};

/**
 * Signs this browser in to a registry with the person's own account. The registry checks the credentials before
 * Archway keeps them (in the encrypted session cookie); the password never comes back to the page.
 */
export function RegistrySignInForm({ registry: fixedRegistry, onSignedIn }: RegistrySignInFormProps) {
  const t = useTranslations('session.signInForm');
  const id = useId();
  const [registry, setRegistry] = useState(fixedRegistry ?? '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useRegistrySignIn();
  const error = signIn.error ? AppError.parse(signIn.error) : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(
      { registry: fixedRegistry ?? registry, username, password },
      {
        onSuccess: () => {
          setPassword('');
          onSignedIn?.();
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} aria-label={fixedRegistry ? t('labelFor', { registry: fixedRegistry }) : t('label')} className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        {fixedRegistry ? null : (
          <label className="flex flex-col text-xs text-zinc-600" htmlFor={`${id}-registry`}>
            {t('registry')}
            <input id={`${id}-registry`} className="field" value={registry} onChange={(e) => setRegistry(e.target.value)} placeholder="registry.example.com" required />
          </label>
        )}
        <label className="flex flex-col text-xs text-zinc-600" htmlFor={`${id}-username`}>
          {t('username')}
          <input id={`${id}-username`} className="field" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label className="flex flex-col text-xs text-zinc-600" htmlFor={`${id}-password`}>
          {t('password')}
          <input
            id={`${id}-password`}
            className="field"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <button type="submit" className="btn-primary" disabled={signIn.isPending}>
          {signIn.isPending ? t('checking') : fixedRegistry ? t('submitFor', { registry: fixedRegistry }) : t('submit')}
        </button>
      </div>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
          {error.message}
        </p>
      ) : null}
    </form>
  );
}
