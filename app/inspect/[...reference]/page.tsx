import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import { toAppError } from '@/lib/api/error-mapping';
import { identify } from '@/lib/auth/request';
import { inspectImage } from '@/lib/inspect/inspect-image';
import { HANDOFF_HEADER, takeHandedOff } from '@/lib/inspect/page-handoff';
import { isOwnRenderRequest } from '@/lib/server/page-cache';
import { windowOfInspect } from '@/lib/inspect/inspect-window';
import { inspectWindowQueryOptions } from '@/lib/queries/inspect';
import { parseOutcome, referenceFromSegments, type EntrySelection } from '@/lib/present/links';
import { makeQueryClient } from '@/lib/queries/query-client';
import { InspectError } from '@/components/inspect/inspect-error';
import { InspectView } from '@/components/inspect/inspect-view';

type InspectPageProps = {
  params: Promise<{ reference: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function wholeNumber(value: string | undefined): number {
  const number = Number(value ?? '0');
  return Number.isInteger(number) && number > 0 ? number : 0;
}

export async function generateMetadata({ params }: InspectPageProps): Promise<Metadata> {
  return { title: referenceFromSegments((await params).reference) };
}

/** Server-rendered: the platforms and digests are in the first HTML a teammate's browser receives. */
export default async function InspectPage({ params, searchParams }: InspectPageProps) {
  const reference = referenceFromSegments((await params).reference);
  const search = await searchParams;
  const platform = firstValue(search.platform);
  const digest = firstValue(search.digest);
  const initialSelection: EntrySelection = { ...(platform ? { platform } : {}), ...(digest ? { digest } : {}) };
  const detailsFrom = wholeNumber(firstValue(search.detailsFrom));
  const outcome = parseOutcome(firstValue(search.done), firstValue(search.from));

  // Same key as the browser's hook, filled by the inspection proxy.ts ran for this request (which set the HTTP
  // status from it), or by calling the service directly; never retried here: the registry client already waited
  // out what was worth waiting for.
  const requestHeaders = await headers();
  const handedOff = takeHandedOff(requestHeaders.get(HANDOFF_HEADER));
  // A render for the page cache shows exactly the outcome it is kept under, or nothing: inspecting again here could
  // read another answer (or an error) and have it shared under the old one's key. Failing leaves the visitor's
  // request to render as usual.
  if (!handedOff && isOwnRenderRequest(requestHeaders)) throw new Error('The page cache asked for a page whose inspection had already been taken or dropped.');
  const queryClient = makeQueryClient();
  // Read with the visitor's own registry access, exactly as their browser's later requests will be.
  const { access } = await identify({ cookies: await cookies(), headers: requestHeaders });
  // Only the window of a long list goes to the browser (the entries whose details were read, the rest counted):
  // its HTML and RSC payload stay the size of ARCHWAY_MAX_ENTRIES entries, whatever the list's length.
  try {
    await queryClient.fetchQuery({
      ...inspectWindowQueryOptions(reference, detailsFrom),
      queryFn: async () => windowOfInspect(await (handedOff ?? inspectImage(reference, { clientFor: access.clientFor, detailsFrom }))),
      retry: false,
    });
  } catch (err) {
    const error = toAppError(err);
    return <InspectError code={error.code} message={error.message} reference={reference} />;
  }

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <InspectView reference={reference} initialSelection={initialSelection} detailsFrom={detailsFrom} outcome={outcome} />
    </HydrationBoundary>
  );
}
