import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { cookies, headers } from 'next/headers';
import { CompareForm } from '@/components/compare/compare-form';
import { CompareView } from '@/components/compare/compare-view';
import { identify } from '@/lib/auth/request';
import { compareReferences } from '@/lib/inspect/compare';
import { compareQueryOptions } from '@/lib/queries/compare';
import { makeQueryClient } from '@/lib/queries/query-client';

type ComparePageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? '';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('compare'))('title') };
}

/** `/compare?a=&b=`: server-rendered when both are given (the comparison is in the first HTML), else the two boxes. */
export default async function ComparePage({ searchParams }: ComparePageProps) {
  const search = await searchParams;
  const a = first(search.a);
  const b = first(search.b);
  if (!a || !b) return <CompareForm a={a} b={b} />;
  const queryClient = makeQueryClient();
  // Read with the visitor's own registry access, as their browser's later requests will be.
  const { access } = await identify({ cookies: await cookies(), headers: await headers() });
  // A failure stays in the cache as the query's error: the view shows it with the boxes to fix the references.
  await queryClient.prefetchQuery({ ...compareQueryOptions(a, b), queryFn: () => compareReferences(a, b, access.clientFor) });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <CompareView a={a} b={b} />
    </HydrationBoundary>
  );
}
