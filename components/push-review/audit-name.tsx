'use client';

import { useEffect, useId, useState } from 'react';
import { USER_COOKIE } from '@/lib/api/push';

function readName(): string {
  const match = document.cookie.split('; ').find((part) => part.startsWith(`${USER_COOKIE}=`));
  return match ? decodeURIComponent(match.slice(USER_COOKIE.length + 1)) : '';
}

/**
 * The name the history records for this browser's pushes. A label people give themselves, not proof: behind an
 * authenticating proxy the server takes ARCHWAY_USER_HEADER instead and ignores this.
 */
export function AuditName() {
  const id = useId();
  const [name, setName] = useState('');
  useEffect(() => setName(readName()), []);

  const save = (value: string) => {
    setName(value);
    const trimmed = value.trim();
    document.cookie = trimmed
      ? `${USER_COOKIE}=${encodeURIComponent(trimmed)}; path=/; max-age=31536000; samesite=strict`
      : `${USER_COOKIE}=; path=/; max-age=0; samesite=strict`;
  };

  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-zinc-600">
      <label htmlFor={id}>Recorded in the history as</label>
      <input
        id={id}
        value={name}
        onChange={(event) => save(event.target.value)}
        placeholder="anonymous"
        maxLength={100}
        className="w-36 rounded-md border border-zinc-300 px-2 py-0.5 text-xs focus:border-indigo-500 focus:outline-none"
      />
    </span>
  );
}
