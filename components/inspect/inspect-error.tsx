'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { STATUS_BY_CODE, type ErrorCode } from '@/lib/api/errors';
import { tryParseReference } from '@/lib/oci/reference';
import { RegistrySignInForm } from '@/components/session/registry-sign-in-form';
import { errorGuidance, guidanceValues } from './error-guidance';

type InspectErrorProps = {
  code: ErrorCode;
  message: string;
  reference: string;
  /** Retries in place (a client refetch); without it the server page is rendered again. */
  onRetry?: () => void;
};

/** Why a reference could not be shown, in the registry's words and ours, with what to do next. */
export function InspectError({ code, message, reference, onRetry }: InspectErrorProps) {
  const t = useTranslations('errorGuidance');
  const tc = useTranslations('common');
  const router = useRouter();
  const [isRetrying, startRetry] = useTransition();
  const parsed = tryParseReference(reference);
  const guidance = errorGuidance(code);
  const values = guidanceValues(parsed.ok ? parsed.reference.registry : null);
  const steps = Array.from({ length: guidance.steps }, (_, i) => t(`${guidance.topic}.step${i + 1}` as 'invalid.step1', values));
  const retry = onRetry ?? (() => startRetry(() => router.refresh()));
  const needsSignIn = parsed.ok && guidance.topic === 'signIn';

  return (
    <section role="alert" aria-labelledby="error-heading" className="card border-red-200 p-5" data-error-code={code}>
      <p className="text-xs font-medium text-red-700">
        {STATUS_BY_CODE[code]} · {code}
      </p>
      <h1 id="error-heading" className="mt-1 text-lg font-semibold text-zinc-900">
        {t(`${guidance.topic}.title`, values)}
      </h1>
      <p className="mt-1 font-mono text-xs break-all text-zinc-600">{reference}</p>
      <p className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">{message}</p>
      <h2 className="mt-4 text-sm font-semibold text-zinc-800">{t('whatToDo')}</h2>
      <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-zinc-700">
        {steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ul>
      {needsSignIn ? (
        <div className="mt-4 rounded-md bg-zinc-50 p-3 ring-1 ring-zinc-200">
          <h2 className="mb-2 text-sm font-semibold text-zinc-800">{t('signInTo', { registry: parsed.reference.registry })}</h2>
          <RegistrySignInForm registry={parsed.reference.registry} onSignedIn={retry} />
        </div>
      ) : null}
      <div className="mt-4 flex gap-2">
        {guidance.canRetry ? (
          <button type="button" className="btn-primary" onClick={retry} disabled={isRetrying}>
            {isRetrying ? t('retrying') : tc('retry')}
          </button>
        ) : null}
        <Link href="/" className="btn">
          {t('inspectAnother')}
        </Link>
      </div>
    </section>
  );
}
