import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CreateList } from '@/components/create-list/create-list';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('createPage'))('title') };
}

type CreatePageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function all(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

// `/create?target=<tag ref>&source=<ref>&source=<ref>`: a link can start the workflow with its fields filled in.
export default async function CreatePage({ searchParams }: CreatePageProps) {
  const params = await searchParams;
  const t = await getTranslations('createPage');
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t('heading')}</h1>
        <p className="text-sm text-zinc-600">{t.rich('explanation', { code: (chunks) => <code className="text-xs">{chunks}</code> })}</p>
      </div>
      <CreateList initialTarget={all(params.target)[0] ?? ''} initialSources={all(params.source)} />
    </div>
  );
}
