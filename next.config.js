// @ts-check
const path = require('node:path');
const createNextIntlPlugin = require('next-intl/plugin');

/*
 * next-intl without i18n routing: the request config picks each page's language (cookie, else Accept-Language).
 * The catalogs are compiled at build time (ICU messages to icu-minify's compact form): a page then formats each
 * message without parsing it first, on the server for every request and in the browser, which ships no ICU parser.
 */
const withNextIntl = createNextIntlPlugin({
  requestConfig: './lib/i18n/request.ts',
  experimental: { messages: { path: './lib/i18n/messages', format: 'json', locales: ['en', 'zh-CN'], precompile: true } },
});

/*
 * Headers every answer carries, static files included. The Content-Security-Policy (with its per-request nonce) and
 * HSTS are set per request in proxy.ts.
 */
const SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Inspect URLs name internal registries and repositories: other sites are told nothing of them.
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()' },
  // For browsers without CSP frame-ancestors.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server (.next/standalone/server.js with the node_modules it needs): what the container image
  // and every deployment run, with .next/static and public copied beside it.
  output: 'standalone',
  // Pin the workspace root: a stray lockfile in a parent folder would otherwise make Next guess wrong.
  turbopack: { root: path.resolve(__dirname) },
  outputFileTracingRoot: path.resolve(__dirname),
  // Loaded from node_modules at run time rather than bundled: a native module, and packages that load files
  // (pino's worker streams, pg's optional native binding) relative to themselves.
  serverExternalPackages: ['better-sqlite3', 'pg', 'pino'],
  poweredByHeader: false,
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }];
  },
};

module.exports = withNextIntl(nextConfig);
