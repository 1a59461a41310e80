'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import type { InspectEntry } from '@/lib/api/inspect';
import { shortDigest } from '@/lib/oci/digest';
import { formatPlatform } from '@/lib/oci/platform';
import { COMMON_HOSTS, simulatePull, type PullOutcome } from '@/lib/oci/pull-simulation';
import { useEntryLabel } from '@/components/shared/use-entry-label';

type PullSimulatorProps = {
  entries: readonly InspectEntry[];
  hrefFor: (entry: InspectEntry) => string;
  onSelect: (entry: InspectEntry) => void;
};

/** "Which entry would a linux/arm/v7 host pull?": containerd's matching, and whether that pull succeeds and runs. */
export function PullSimulator({ entries, hrefFor, onSelect }: PullSimulatorProps) {
  const t = useTranslations('pullSimulator');
  const entryLabel = useEntryLabel();
  const [host, setHost] = useState('');
  const inputId = useId();
  const outcome = host.trim() ? simulatePull(host, entries) : null;

  const entryLink = (entry: InspectEntry) => (
    <a
      href={hrefFor(entry)}
      className="link font-mono"
      onClick={(event) => {
        event.preventDefault();
        onSelect(entry);
      }}
    >
      {entryLabel(entry)} {shortDigest(entry.digest)}
    </a>
  );

  return (
    <section aria-labelledby={`${inputId}-heading`} className="card p-4" data-testid="pull-simulator">
      <h2 id={`${inputId}-heading`} className="card-title">
        {t('heading')}
      </h2>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-xs">
        <label htmlFor={inputId} className="text-muted">
          {t('host')}
        </label>
        <input
          id={inputId}
          value={host}
          onChange={(event) => setHost(event.target.value)}
          placeholder={t('placeholder')}
          spellCheck={false}
          className="input w-56 font-mono text-xs"
        />
        {COMMON_HOSTS.map((example) => (
          <button key={example} type="button" className="btn min-h-6 px-1.5 py-0.5 font-mono" onClick={() => setHost(example)}>
            {example}
          </button>
        ))}
      </div>
      <div role="status" className="mt-2 min-h-5 space-y-1 text-xs">
        {outcome ? <OutcomeText outcome={outcome} entryLink={entryLink} /> : null}
      </div>
    </section>
  );
}

function OutcomeText({ outcome, entryLink }: { outcome: PullOutcome; entryLink: (entry: InspectEntry) => React.ReactNode }) {
  const t = useTranslations('pullSimulator');
  const entryLabel = useEntryLabel();
  if (outcome.kind === 'invalid') return <p className="text-danger">{outcome.message}</p>;
  const { runnable: runnableEntry } = outcome;
  const code = (chunks: React.ReactNode) => <code>{chunks}</code>;
  const runnable = runnableEntry ? <p>{t.rich('runnable', { host: outcome.host, entry: () => entryLink(runnableEntry) })}</p> : null;
  if (outcome.kind === 'none') {
    return (
      <>
        <p className="text-warning">{t.rich('none', { host: outcome.host, code })}</p>
        {runnable}
      </>
    );
  }
  if (outcome.failure) {
    return (
      <>
        <p className="text-danger">
          {t.rich('failure', {
            host: outcome.host,
            entry: () => entryLink(outcome.entry),
            status: outcome.failure.status ?? 'none',
            reason: outcome.failure.reason,
            code,
          })}
        </p>
        {runnable}
      </>
    );
  }
  return (
    <>
      <p>{t.rich(outcome.isExact ? 'pulls' : 'pullsClosest', { host: outcome.host, entry: () => entryLink(outcome.entry) })}</p>
      {outcome.configPlatform ? (
        <p className="text-danger" data-testid="pull-warning">
          {t('warning', { listed: entryLabel(outcome.entry), config: formatPlatform(outcome.configPlatform) })}{' '}
          {outcome.runsOnHost ? t('stillRuns') : t('wontStart', { host: outcome.host })}
        </p>
      ) : null}
      {outcome.configPlatform && !outcome.runsOnHost ? runnable : null}
    </>
  );
}
