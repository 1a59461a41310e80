'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { PublicUrlProvider } from '@/components/shared/public-url';
import { makeQueryClient } from '@/lib/queries/query-client';

/** Browser-side providers: one QueryClient per browser tab, created once, and the server's public URL. */
export function Providers({ publicUrl, children }: { publicUrl: string | null; children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <PublicUrlProvider publicUrl={publicUrl}>{children}</PublicUrlProvider>
    </QueryClientProvider>
  );
}
