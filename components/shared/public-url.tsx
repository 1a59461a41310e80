'use client';

import { createContext, useContext, type ReactNode } from 'react';

/** ARCHWAY_PUBLIC_URL as the server read it (null when unset): share links are built under it. */
const PublicUrlContext = createContext<string | null>(null);

/** Hands the server's public URL to the components below (the root layout reads it per request). */
export function PublicUrlProvider({ publicUrl, children }: { publicUrl: string | null; children: ReactNode }) {
  return <PublicUrlContext.Provider value={publicUrl}>{children}</PublicUrlContext.Provider>;
}

/** The server's public URL, or null when people reach it under whatever name they use. */
export function usePublicUrl(): string | null {
  return useContext(PublicUrlContext);
}
