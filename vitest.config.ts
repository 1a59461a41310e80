import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs nothing but Node; `integration` starts real registries (docker-registry from Debian).
export default defineConfig({
  resolve: {
    alias: { '@': path.resolve(__dirname) },
    // `server-only` throws unless resolved with the react-server condition, as Next does for route handlers.
    conditions: ['react-server'],
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Each file starts its own registries on free ports; two cores, so keep the fan-out small.
          maxWorkers: 2,
        },
      },
    ],
  },
});
