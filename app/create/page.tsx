import type { Metadata } from 'next';
import { CreateList } from '@/components/create-list/create-list';

export const metadata: Metadata = { title: 'Create a list' };

type CreatePageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function all(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

// `/create?target=<tag ref>&source=<ref>&source=<ref>`: a link can start the workflow with its fields filled in.
export default async function CreatePage({ searchParams }: CreatePageProps) {
  const params = await searchParams;
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Create a multi-platform list</h1>
        <p className="text-sm text-zinc-600">
          What <code className="text-xs">docker manifest create</code>, <code className="text-xs">annotate</code> and{' '}
          <code className="text-xs">push</code> do, in one page: choose the tag, add the images (from any repository or
          registry; a list adds all its platforms), check their platforms, review the exact JSON, push.
        </p>
      </div>
      <CreateList initialTarget={all(params.target)[0] ?? ''} initialSources={all(params.source)} />
    </div>
  );
}
