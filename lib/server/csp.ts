/*
 * The Content-Security-Policy of Archway's pages (Next's CSP guide): scripts only from this origin or carrying the
 * request's nonce, which Next puts on its own inline scripts when it finds the policy on the request. 'strict-dynamic'
 * lets those scripts load the app's chunks. 'unsafe-eval' is added in development only, where React needs it
 * for its error overlays; the production server never allows it. Nothing may frame a page (clickjacking a push).
 */

/** A fresh, unguessable nonce for one response (128 random bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export type CspOptions = {
  nonce: string;
  /** `next dev`: React's development build needs eval. */
  isDevelopment: boolean;
  /** The page is served over https: ask the browser to upgrade any stray http subresource. */
  isHttps: boolean;
};

/** The policy for an HTML page, as one header value. */
export function pageContentSecurityPolicy({ nonce, isDevelopment, isHttps }: CspOptions): string {
  const directives = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...(isHttps ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** The policy for API answers: JSON is never a document to run or frame. */
export const API_CONTENT_SECURITY_POLICY = `default-src 'none'; frame-ancestors 'none'`;

/** HSTS for answers over https: one year, this host only (other hosts of the domain are not Archway's to pin). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';
