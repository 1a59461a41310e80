'use client';

import { useTranslations } from 'next-intl';
import { useId, useMemo, useState } from 'react';
import { PushFlow } from '@/components/push-review/push-flow';
import type { InspectResponse } from '@/lib/api/inspect';
import type { PushRequest } from '@/lib/api/push';
import { checkTarget } from '@/lib/draft/checks';
import { shortDigest } from '@/lib/oci/digest';
import { digestReference } from '@/lib/present/links';

/**
 * "Copy to…": the whole list, as it is, to another tag, repository or registry. The push names the list by digest
 * and edits nothing, so the server writes its exact bytes (children, attestations and blobs first) and the copy has
 * the same digest; the review, the 409 rule and the history are the push's own.
 */
export function CopyList({ data, onClose }: { data: InspectResponse; onClose: () => void }) {
  const t = useTranslations('promote');
  const tc = useTranslations('common');
  const id = useId();
  const [target, setTarget] = useState(`${data.registry}/${data.repository}:`);
  const source = digestReference(data, data.digest);
  const request: PushRequest = { target: target.trim(), base: null, manifests: [{ source }] };
  const problem = checkTarget(target);
  const sources = useMemo(
    () => data.entries.map((entry) => ({ digest: entry.digest, source: digestReference(data, entry.digest), config: entry.config })),
    [data],
  );
  return (
    <section aria-label={t('label')} className="card space-y-3 p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="card-title">{t('heading')}</h2>
        <button type="button" className="btn" onClick={onClose}>
          {tc('close')}
        </button>
      </div>
      <p className="text-xs text-zinc-600">
        {t.rich('explanation', { digest: shortDigest(data.digest), code: (chunks) => <code className="font-mono">{chunks}</code> })}
      </p>
      <label htmlFor={id} className="block text-xs font-medium text-zinc-700">
        {t('target')}
      </label>
      <input
        id={id}
        value={target}
        onChange={(event) => setTarget(event.target.value)}
        placeholder="registry.example.com/team/app:prod"
        autoComplete="off"
        spellCheck={false}
        className="w-full rounded-md border border-zinc-300 px-2 py-1 font-mono text-xs focus:outline-2 focus:outline-indigo-600"
      />
      <PushFlow request={request} blockers={problem ? [problem] : []} sources={sources} reviewLabel={t('review')} />
    </section>
  );
}
