import Link from 'next/link';

/** Archway's own 404: says what is missing and offers the way on. */
export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl space-y-4 pt-10 text-center">
      <p className="font-mono text-sm text-indigo-700">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">No page here</h1>
      <p className="text-sm text-zinc-700">
        Archway has no page at this address. To look at an image, paste its reference in the box above or open
        /inspect/&lt;reference&gt;, for example /inspect/golang:alpine.
      </p>
      <p className="flex justify-center gap-3">
        <Link href="/" className="btn-primary">
          Go to the start page
        </Link>
        <Link href="/create" className="btn">
          Create a list
        </Link>
      </p>
    </div>
  );
}
