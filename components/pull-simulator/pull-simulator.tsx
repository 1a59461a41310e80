'use client';

import { useId, useState } from 'react';
import type { InspectEntry } from '@/lib/api/inspect';
import { shortDigest } from '@/lib/oci/digest';
import { entryLabel } from '@/lib/present/entry-label';
import { COMMON_HOSTS, simulatePull } from './simulate-pull';

type PullSimulatorProps = {
  entries: readonly InspectEntry[];
  hrefFor: (entry: InspectEntry) => string;
  onSelect: (entry: InspectEntry) => void;
};

/** "Which entry would a linux/arm/v7 host pull?": containerd's matching, variant fallback and Windows builds. */
export function PullSimulator({ entries, hrefFor, onSelect }: PullSimulatorProps) {
  const [host, setHost] = useState('');
  const inputId = useId();
  const outcome = host.trim() ? simulatePull(host, entries) : null;

  return (
    <section aria-labelledby={`${inputId}-heading`} className="card p-4" data-testid="pull-simulator">
      <h2 id={`${inputId}-heading`} className="card-title">
        Which image does a host pull?
      </h2>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-xs">
        <label htmlFor={inputId} className="text-zinc-600">
          Host platform
        </label>
        <input
          id={inputId}
          value={host}
          onChange={(event) => setHost(event.target.value)}
          placeholder="linux/arm/v7"
          spellCheck={false}
          className="w-56 rounded-md border border-zinc-300 px-2 py-1 font-mono text-xs focus:border-indigo-500 focus:outline-none"
        />
        {COMMON_HOSTS.map((example) => (
          <button key={example} type="button" className="btn px-1.5 py-0.5 font-mono" onClick={() => setHost(example)}>
            {example}
          </button>
        ))}
      </div>
      <p role="status" className="mt-2 min-h-5 text-xs">
        {outcome?.kind === 'invalid' ? <span className="text-red-700">{outcome.message}</span> : null}
        {outcome?.kind === 'none' ? (
          <span className="text-amber-800">
            A {outcome.host} host finds no entry it can run: <code>docker pull</code> fails with &ldquo;no matching manifest&rdquo;.
          </span>
        ) : null}
        {outcome?.kind === 'match' ? (
          <span className="text-zinc-700">
            A {outcome.host} host pulls{' '}
            <a
              href={hrefFor(outcome.entry)}
              className="link font-mono"
              onClick={(event) => {
                event.preventDefault();
                onSelect(outcome.entry);
              }}
            >
              {entryLabel(outcome.entry)} {shortDigest(outcome.entry.digest)}
            </a>
            {outcome.isExact ? '.' : ': not an exact match, the closest platform it can run.'}
          </span>
        ) : null}
      </p>
    </section>
  );
}
