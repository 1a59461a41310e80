'use client';

import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { Badge } from '@/components/ui/badge';
import { CopyButton } from '@/components/ui/copy-button';
import { Digest } from '@/components/ui/digest';
import type { PushResponse } from '@/lib/api/push';
import { formatBytes } from '@/lib/present/format';
import { useMediaTypeLabel } from '@/components/shared/use-media-type-label';
import { digestReference } from '@/lib/present/links';
import { rawManifestQueryOptions } from '@/lib/queries/manifest';
import { sha256Digest } from '@/lib/oci/digest';
import { diffIndexFields, diffIndexes } from '@/lib/oci/index-diff';
import { parseManifest } from '@/lib/oci/parse';
import { tryParseReference } from '@/lib/oci/reference';
import { Annotations, type ImageIndex } from '@/lib/oci/schemas';
import { DescriptorDiff } from '@/components/shared/descriptor-diff';
import { pushCommands, type CommandEntry } from '@/lib/present/push-commands';
import { StepList } from './step-list';
import { JsonBlock } from '@/components/ui/json-block';

function parseIndex(text: string, mediaType: string): ImageIndex | null {
  const parsed = parseManifest(new TextEncoder().encode(text), mediaType);
  return parsed.kind === 'index' ? parsed.index : null;
}

/** The list the tag points at now (null for a new tag, or a tag that holds a single image). */
function useCurrentIndex(plan: PushResponse) {
  const target = tryParseReference(plan.target);
  const reference = plan.before && target.ok ? digestReference(target.reference, plan.before) : '';
  const query = useQuery({ ...rawManifestQueryOptions(reference), enabled: Boolean(reference) });
  const index = useMemo(() => (query.data ? parseIndex(query.data.text, query.data.mediaType) : null), [query.data]);
  return { index, isLoading: Boolean(reference) && query.isPending, error: query.error };
}

function Panel({ title, children, actions }: { title: string; children: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <section className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h3 className="card-title">{title}</h3>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** Where one entry of the list comes from and what its image config says (draft entries are such). */
export type ReviewSource = { digest: string } & Pick<CommandEntry, 'source' | 'config'>;

/** Everything to check before a push: target, new digest, the descriptor diff, the exact JSON and the equivalent commands. */
export function PushReview({ plan, sources }: { plan: PushResponse; sources: readonly ReviewSource[] }) {
  const t = useTranslations('push.review');
  const locale = useLocale();
  const mediaTypeLabel = useMediaTypeLabel();
  const bytes = plan.bytes ?? '';
  const after = useMemo(() => parseIndex(bytes, plan.mediaType), [bytes, plan.mediaType]);
  const current = useCurrentIndex(plan);
  const isBytesVerified = useMemo(() => sha256Digest(new TextEncoder().encode(bytes)) === plan.digest, [bytes, plan.digest]);
  const target = useMemo(() => tryParseReference(plan.target), [plan.target]);

  const rows = after && !current.isLoading ? diffIndexes(current.index, after) : [];
  // Against no list at all, schemaVersion and mediaType are not news: the summary above states the list type.
  const indexFields =
    after && !current.isLoading
      ? diffIndexFields(current.index, after).filter((field) => current.index || !['schemaVersion', 'mediaType'].includes(field.field))
      : [];
  const unchangedCount = after ? after.manifests.length - rows.filter((row) => row.change !== 'removed').length : 0;

  const commands = useMemo(() => {
    if (!after || !target.ok) return [];
    const byDigest = new Map(sources.map((entry) => [entry.digest, entry]));
    return pushCommands({
      target: plan.target,
      registry: target.reference.registry,
      mediaType: plan.mediaType,
      annotations: Annotations.optional().catch(undefined).parse((after as { annotations?: unknown }).annotations),
      entries: after.manifests.map((descriptor) => ({
        descriptor,
        source: byDigest.get(descriptor.digest)?.source ?? digestReference(target.reference, descriptor.digest),
        config: byDigest.get(descriptor.digest)?.config ?? null,
      })),
    });
  }, [after, sources, plan.mediaType, plan.target, target]);

  return (
    <div className="space-y-5">
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-zinc-600">{t('target')}</dt>
        <dd className="font-mono break-all" data-testid="review-target">
          {plan.target}
        </dd>
        <dt className="text-zinc-600">{t('now')}</dt>
        <dd>{plan.before ? <Digest digest={plan.before} isFull /> : <span>{t('newTag')}</span>}</dd>
        <dt className="text-zinc-600">{t('newDigest')}</dt>
        <dd className="flex flex-wrap items-center gap-2" data-testid="review-digest">
          <Digest digest={plan.digest} isFull />
          {plan.digest === plan.before ? <Badge tone="muted">{t('unchanged')}</Badge> : null}
        </dd>
        <dt className="text-zinc-600">{t('list')}</dt>
        <dd>
          {t('listValue', { mediaType: mediaTypeLabel(plan.mediaType), size: formatBytes(plan.size, locale), count: after?.manifests.length ?? 0 })}
        </dd>
      </dl>

      {plan.dropped.length > 0 ? (
        <div role="note" className="rounded-md bg-amber-50 p-2 text-xs text-amber-900 ring-1 ring-amber-200">
          <p className="font-medium">{t('drops')}</p>
          <ul className="list-disc pl-5">
            {plan.dropped.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <Panel title={t('changes')}>
        {current.isLoading ? <p className="text-sm text-zinc-600">{t('readingCurrent')}</p> : null}
        {current.error ? <p className="text-sm text-red-700">{t('currentFailed', { message: current.error.message })}</p> : null}
        {!current.isLoading ? <DescriptorDiff rows={rows} indexFields={indexFields} unchangedCount={unchangedCount} /> : null}
      </Panel>

      <Panel title={t('steps')}>
        <details>
          <summary className="min-h-6 cursor-pointer py-1 text-xs text-zinc-700">{stepSummary(plan, t)}</summary>
          <StepList steps={plan.steps} />
        </details>
      </Panel>

      <Panel title={t('json')} actions={<CopyButton value={bytes} label={t('copyJson')} />}>
        <p className="text-xs text-zinc-600">
          {isBytesVerified ? t('bytesVerified', { size: bytes.length }) : t('bytesMismatch')}
        </p>
        <JsonBlock label={t('jsonLabel')} maxHeight="max-h-80" testId="review-json">
          {bytes}
        </JsonBlock>
      </Panel>

      <Panel title={t('commands')}>
        <div className="space-y-2">
          {commands.map((command) => (
            <div key={command.tool} className="rounded-md border border-zinc-200">
              <div className="flex items-center justify-between border-b border-zinc-100 px-2 py-1">
                <span className="text-xs font-medium text-zinc-700">{command.tool}</span>
                <CopyButton value={command.command} label={t('copyCommands', { tool: command.tool })} />
              </div>
              <pre className="p-2 text-[11px] leading-4 break-words whitespace-pre-wrap text-zinc-800">{command.command}</pre>
            </div>
          ))}
        </div>
      </Panel>
    </div>
  );
}

type Translate = ReturnType<typeof useTranslations<'push.review'>>;

function stepSummary(plan: PushResponse, t: Translate): string {
  const count = (predicate: (step: PushResponse['steps'][number]) => boolean) => plan.steps.filter(predicate).length;
  const mounts = count((step) => step.kind === 'blob' && step.action === 'mount');
  const copies = count((step) => step.kind === 'blob' && step.action === 'copy');
  const children = count((step) => step.kind === 'manifest');
  const parts = [
    mounts ? t('summary.mounts', { count: mounts }) : '',
    copies ? t('summary.copies', { count: copies }) : '',
    children ? t('summary.children', { count: children }) : '',
  ].filter(Boolean);
  const total = plan.steps.length;
  return parts.length ? t('summary.then', { parts: parts.join(t('summary.separator')), total }) : t('summary.inPlace', { total });
}
