'use client';

import Link from 'next/link';

/** A failure while rendering the page itself (registry failures are shown by the page with what to do). */
export default function InspectRenderError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section role="alert" aria-labelledby="render-error-heading" className="card border-red-200 p-5">
      <h1 id="render-error-heading" className="text-lg font-semibold text-zinc-900">
        This page could not be shown
      </h1>
      <p className="mt-2 text-sm text-zinc-700">
        Archway failed while drawing this image. Retry; if it fails again, report it with the URL
        {error.digest ? ` and the error id ${error.digest}` : ''}.
      </p>
      <div className="mt-4 flex gap-2">
        <button type="button" className="btn-primary" onClick={reset}>
          Retry
        </button>
        <Link href="/" className="btn">
          Inspect another reference
        </Link>
      </div>
    </section>
  );
}
