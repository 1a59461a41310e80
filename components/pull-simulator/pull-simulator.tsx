'use client';

import { useId, useState } from 'react';
import type { InspectEntry } from '@/lib/api/inspect';
import { shortDigest } from '@/lib/oci/digest';
import { formatPlatform } from '@/lib/oci/platform';
import { COMMON_HOSTS, simulatePull, type PullOutcome } from '@/lib/oci/pull-simulation';
import { entryLabel } from '@/lib/present/entry-label';

type PullSimulatorProps = {
  entries: readonly InspectEntry[];
  hrefFor: (entry: InspectEntry) => string;
  onSelect: (entry: InspectEntry) => void;
};

/** "Which entry would a linux/arm/v7 host pull?": containerd's matching, and whether that pull succeeds and runs. */
export function PullSimulator({ entries, hrefFor, onSelect }: PullSimulatorProps) {
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
        Which image does a host pull?
      </h2>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-xs">
        <label htmlFor={inputId} className="text-muted">
          Host platform
        </label>
        <input
          id={inputId}
          value={host}
          onChange={(event) => setHost(event.target.value)}
          placeholder="e.g. linux/arm/v7"
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
  if (outcome.kind === 'invalid') return <p className="text-danger">{outcome.message}</p>;
  const runnable = outcome.runnable ? (
    <p>
      The image built for {outcome.host} is {entryLink(outcome.runnable)}: fix its listed platform so the host gets it.
    </p>
  ) : null;
  if (outcome.kind === 'none') {
    return (
      <>
        <p className="text-warning">
          A {outcome.host} host finds no entry it can run: <code>docker pull</code> fails with &ldquo;no matching manifest&rdquo;.
        </p>
        {runnable}
      </>
    );
  }
  if (outcome.failure) {
    return (
      <>
        <p className="text-danger">
          A {outcome.host} host picks {entryLink(outcome.entry)}, but the registry does not have it (
          {outcome.failure.status ? `${outcome.failure.status}: ` : ''}
          {outcome.failure.reason}): <code>docker pull</code> fails.
        </p>
        {runnable}
      </>
    );
  }
  return (
    <>
      <p>
        A {outcome.host} host pulls {entryLink(outcome.entry)}
        {outcome.isExact ? '.' : ': not an exact match, the closest platform it can run.'}
      </p>
      {outcome.configPlatform ? (
        <p className="text-danger" data-testid="pull-warning">
          Warning: the list says {entryLabel(outcome.entry)}, but that image&rsquo;s config says{' '}
          {formatPlatform(outcome.configPlatform)}.{' '}
          {outcome.runsOnHost
            ? 'The host can still run it.'
            : `The container will not start on ${outcome.host} ("exec format error").`}
        </p>
      ) : null}
      {outcome.configPlatform && !outcome.runsOnHost ? runnable : null}
    </>
  );
}
