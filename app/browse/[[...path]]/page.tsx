import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Breadcrumbs } from '@/components/layout/breadcrumbs';
import { RegistryBox } from '@/components/browse/registry-box';
import { RepositoryList } from '@/components/browse/repository-list';
import { TagList } from '@/components/browse/tag-list';
import { toAppError } from '@/lib/api/error-mapping';
import { readBrowseSettings } from '@/lib/browse/settings';
import { referenceFromSegments } from '@/lib/present/links';
import { parseUserReference } from '@/lib/inspect/inspect-image';
import { InvalidReferenceError, parseRegistryHost } from '@/lib/oci/reference';

type BrowsePageProps = { params: Promise<{ path?: string[] }> };

export async function generateMetadata({ params }: BrowsePageProps): Promise<Metadata> {
  const path = (await params).path ?? [];
  const t = await getTranslations('browsePage');
  return { title: path.length ? t('titleOf', { reference: referenceFromSegments(path) }) : t('title') };
}

/**
 * `/browse/<registry>`: its repositories; `/browse/<registry>/<repository>`: its tags. The lists are read in the
 * browser (a catalog or 10,000 tags would make a heavy first HTML); the page checks the names and sets the limits.
 */
export default async function BrowsePage({ params }: BrowsePageProps) {
  const [first, ...rest] = (await params).path ?? [];
  const t = await getTranslations('browsePage');
  if (!first) {
    return (
      <section className="card mx-auto max-w-xl space-y-3 p-4">
        <h1 className="card-title">{t('title')}</h1>
        <p className="text-xs text-zinc-600">{t('explanation')}</p>
        <RegistryBox />
      </section>
    );
  }
  let registry: string;
  let repository: string | null = null;
  try {
    registry = parseRegistryHost(referenceFromSegments([first]));
    if (rest.length > 0) repository = parseUserReference(`${registry}/${referenceFromSegments(rest)}`).repository;
  } catch (err) {
    return (
      <div role="alert" className="card space-y-2 p-4 text-sm text-red-800">
        <p>{err instanceof InvalidReferenceError ? err.message : toAppError(err).message}</p>
        <RegistryBox />
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <Breadcrumbs registry={registry} repository={repository} />
      {repository ? (
        <TagList location={{ registry, repository }} summaryBatch={readBrowseSettings().summaryBatch} />
      ) : (
        <RepositoryList registry={registry} />
      )}
    </div>
  );
}
