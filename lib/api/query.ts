import { z } from 'zod';

/*
 * Building blocks of the GET routes' query schemas. The route parses its query with them (lib/api/params.ts) and
 * the browser's fetchers can check what they send with the same schemas.
 */

/** A required query parameter, trimmed; missing or blank gives a message that says what to pass. */
export function requiredParam(name: string, what: string) {
  const missing = `Missing ?${name}=: pass ${what}.`;
  return z.string({ error: missing }).trim().min(1, missing);
}

/** An optional query parameter, trimmed; blank is the same as absent. */
export const optionalParam = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined);

/** An optional whole number ≥ 0 (0 when absent or blank); anything else gives a message that says what it is for. */
export function countParam(name: string, what: string) {
  return optionalParam
    .refine((value) => value === undefined || /^\d{1,9}$/.test(value), {
      error: (issue) => `?${name}= takes a whole number: ${what} (got "${String(issue.input)}").`,
    })
    .transform((value) => (value === undefined ? 0 : Number(value)));
}
