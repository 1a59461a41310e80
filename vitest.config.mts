import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs nothing but Node; `integration` starts real registries (docker-registry from Debian).
export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws unless resolved with the react-server condition, as Next does for route handlers;
      // vitest loads node_modules outside its resolver, so point the import at the package's empty module.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    // The server's JSON log would bury the test output; a test that reads logs starts its own server.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    projects: [
      {
        extends: true,
        // Property tests run hundreds of cases: on two busy cores that can pass vitest's 5 s default. The limit only
        // catches a hang; it is not a speed assertion (speed lives in npm run bench).
        test: { name: 'unit', include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts', 'test/lint/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
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
