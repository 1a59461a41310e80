'use client';

import { useTranslations } from 'next-intl';
import { formatPlatform } from '@/lib/oci/platform';
import type { Platform } from '@/lib/oci/schemas';
import type { EntryCheck } from '@/lib/draft/checks';
import { SEVERITY_TEXT } from './field-styles';
import { useSaid } from '@/components/shared/use-said';

const SEVERITY_MARK = { error: '✕', warning: '!', info: 'i' } as const;

function toneOf(check: EntryCheck): EntryCheck['severity'] {
  return check.isBlocking ? 'error' : check.severity;
}

/** The live messages about one entry, each with a one-click fix when a canonical platform is known. */
export function CheckMessages({ checks, onUse }: { checks: readonly EntryCheck[]; onUse?: ((platform: Platform) => void) | undefined }) {
  const t = useTranslations('editor');
  const say = useSaid();
  if (checks.length === 0) return null;
  return (
    <ul aria-live="polite" className="space-y-1 text-xs">
      {checks.map((check, i) => (
        // A message that stops the push is shown as an error whatever its lint severity (x86_64 is only a warning
        // in a list, but the push refuses it): the blockers line points the user at the red ones.
        <li key={`${check.field}-${i}`} className={`flex flex-wrap items-start gap-x-2 ${SEVERITY_TEXT[toneOf(check)]}`}>
          <span aria-hidden="true" className="w-3 shrink-0 text-center font-bold">
            {SEVERITY_MARK[toneOf(check)]}
          </span>
          <span className="min-w-0 flex-1">{say(check)}</span>
          {check.suggestion && onUse ? (
            <button type="button" className="btn py-0.5" onClick={() => onUse(check.suggestion!)}>
              {check.suggestionLabel ? say(check.suggestionLabel) : t('use', { platform: formatPlatform(check.suggestion) })}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
