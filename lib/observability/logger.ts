import 'server-only';
import pino from 'pino';

/*
 * The server's log: one JSON object per line on stdout (what container platforms collect), level from LOG_LEVEL.
 * Callers log facts they chose (ids, routes, digests, counts), never request headers, cookies or registry
 * credentials; the redact list is a second line of defence for anything passed by mistake.
 */

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function level(): string {
  const wanted = process.env.LOG_LEVEL?.trim().toLowerCase();
  return wanted && LEVELS.has(wanted) ? wanted : 'info';
}

const globalForLogger = globalThis as typeof globalThis & { __archwayLogger?: pino.Logger };

/** The process-wide logger (one for every bundle Next makes, so the level and stream are set once). */
export const logger: pino.Logger = (globalForLogger.__archwayLogger ??= pino({
  level: level(),
  base: { service: 'archway' },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: ['authorization', 'cookie', 'password', 'token', '*.authorization', '*.cookie', '*.password', '*.token', 'headers', '*.headers'],
    censor: '[redacted]',
  },
}));
