// Runs before every page and the sign-in routes (Next 16's proxy, formerly middleware): the request gate (other
// hosts, cross-site writes, sign-in when OpenID Connect is configured; lib/auth/gate.ts, which API routes run
// themselves), the inspect page's HTTP status, the per-request CSP nonce, and a 400 for an address Next cannot decode.
import { createTranslator } from 'next-intl';
import { isBot } from 'next/dist/shared/lib/router/utils/is-bot';
import { NextResponse, type NextRequest } from 'next/server';
import { toAppError } from '@/lib/api/error-mapping';
import { AppError } from '@/lib/api/errors';
import { errorResponse } from '@/lib/api/handler';
import { catalogOf } from '@/lib/i18n/catalogs';
import { LOCALE_COOKIE, resolveLocale } from '@/lib/i18n/locale';
import { gateRequest, isHttpsRequest } from '@/lib/auth/gate';
import { identify } from '@/lib/auth/request';
import { inspectImage } from '@/lib/inspect/inspect-image';
import { HANDOFF_HEADER, handOff, takeHandedOff } from '@/lib/inspect/page-handoff';
import { parseTheme, THEME_COOKIE } from '@/lib/present/theme';
import { cachedPage, copyWithNonce, isOwnRenderRequest } from '@/lib/server/page-cache';
import type { InspectResponse } from '@/lib/api/inspect';
import { decodedOrNull, referenceFromSegments } from '@/lib/present/links';
import { API_CONTENT_SECURITY_POLICY, newNonce, pageContentSecurityPolicy, STRICT_TRANSPORT_SECURITY } from '@/lib/server/csp';

export async function proxy(request: NextRequest): Promise<NextResponse> {
  // This server asking itself for a page to keep (lib/server/page-cache.ts): its visitor's request was gated and
  // inspected, and it carries the policy and the handed-off outcome the render is to use.
  if (request.method === 'GET' && request.nextUrl.pathname.startsWith(INSPECT_PAGE) && isOwnRenderRequest(request.headers)) return NextResponse.next();
  const isUnreadable = decodedOrNull(request.nextUrl.pathname) === null;
  // Only the API route with a path parameter comes here (config.matcher), for the one case it cannot answer itself;
  // any other request for it goes on to the route, which runs the gate itself.
  const isApi = request.nextUrl.pathname.startsWith('/api/');
  if (isApi && !isUnreadable) return NextResponse.next();
  const refused = await gateRequest(request);
  if (refused) return refused;
  if (isApi) {
    const response = errorResponse(new AppError('BAD_REQUEST', 'The path has a % that is not followed by two hexadecimal digits: write % as %25.'));
    response.headers.set('content-security-policy', API_CONTENT_SECURITY_POLICY);
    return response;
  }
  const isHttps = isHttpsRequest(request);
  // Next reads the policy from the request to put the nonce on its own scripts (pages render per request).
  const nonce = newNonce();
  const policyFor = (nonce: string) => pageContentSecurityPolicy({ nonce, isDevelopment: process.env.NODE_ENV === 'development', isHttps });
  const policy = policyFor(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  const response = isUnreadable
    ? await unreadableAddressPage(request, nonce)
    : await inspectPageStatus(request, requestHeaders, { nonce, isHttps, policyFor });
  response.headers.set('content-security-policy', policy);
  if (isHttps) response.headers.set('strict-transport-security', STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  // Static build output carries no data and runs no policy of its own. API routes run the same gate themselves
  // (lib/api/handler.ts: every route is wrapped by handle(), which test/lint/api-routes-gated.test.ts keeps true),
  // without the cost of Next's proxy round on every call. Everything else, pages and the sign-in routes, comes here.
  // The one API route with a path parameter comes too: Next cannot route a path it cannot decode, and would answer a
  // bare 500 before the route could say what is wrong.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|api/).*)', '/api/v1/session/registries/:registry*'],
};

/*
 * A path with a `%` not followed by two hex digits (or escapes that are not UTF-8) cannot be decoded, so Next cannot
 * route it: its router answered a bare "Internal Server Error" (500) for /inspect/%ZZ. Such a request is answered
 * here with a 400 that says what is wrong: a page built here (no page of app/ can be rendered for a path Next cannot
 * route, and a rewrite to one would answer 200), in the visitor's language.
 */
async function unreadableAddressPage(request: NextRequest, nonce: string): Promise<NextResponse> {
  const locale = resolveLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get('accept-language'));
  const t = createTranslator({ locale, messages: await catalogOf(locale), namespace: 'unreadableAddress' });
  const [heading, explanation, home] = [t('heading'), t('explanation'), t('home')].map(escapeHtml);
  const style = 'body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}';
  const html =
    `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="color-scheme" content="light dark"><link rel="icon" href="/favicon.svg"><title>${heading} · Archway</title><style nonce="${nonce}">${style}</style></head>` +
    `<body><main><p>400</p><h1>${heading}</h1><p>${explanation}</p><p><a href="/">${home}</a></p></main></body></html>`;
  return new NextResponse(html, { status: 400, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const INSPECT_PAGE = '/inspect/';

/*
 * The inspect page's HTTP status. A document request for /inspect/<reference> is inspected here, before the render
 * starts, so the answer carries the real status (404 unknown repository or tag, 401/403, 429/503 with Retry-After,
 * 502, 504) instead of the 200 a streamed page has already sent; the outcome is handed to the page
 * (lib/inspect/page-handoff.ts), which renders it without a second registry round trip. Only document requests (a
 * browser navigation asks for text/html) are inspected here: client-side navigations fetch the page's RSC payload
 * (Next hides their RSC headers from the proxy, so the Accept header tells them apart) and the page shows their
 * errors in place. A page that shows a list is answered from the page cache (lib/server/page-cache.ts) when it is on.
 */
async function inspectPageStatus(
  request: NextRequest,
  headers: Headers,
  { nonce, isHttps, policyFor }: { nonce: string; isHttps: boolean; policyFor: (nonce: string) => string },
): Promise<NextResponse> {
  headers.delete(HANDOFF_HEADER); // only this proxy may set it
  const { pathname, searchParams } = request.nextUrl;
  const isDocument = request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html');
  if (!pathname.startsWith(INSPECT_PAGE) || !isDocument) return NextResponse.next({ request: { headers } });

  const reference = referenceFromSegments(pathname.slice(INSPECT_PAGE.length).split('/'));
  const detailsFrom = Number(searchParams.get('detailsFrom') ?? '0');
  // Read with the visitor's own registry access, exactly as the page and their browser's later requests are.
  const { access } = await identify(request);
  const outcome = inspectImage(reference, { clientFor: access.clientFor, detailsFrom: Number.isInteger(detailsFrom) && detailsFrom > 0 ? detailsFrom : 0 });
  const handedOff = handOff(outcome);
  headers.set(HANDOFF_HEADER, handedOff);
  let inspected: InspectResponse;
  try {
    inspected = await outcome;
  } catch (err) {
    const error = toAppError(err);
    const retryAfter = error.retryAfterSeconds;
    return NextResponse.next({
      status: error.status,
      request: { headers },
      ...(retryAfter === undefined ? {} : { headers: { 'retry-after': String(retryAfter) } }),
    });
  }
  // Crawlers and link previews get pages Next renders differently (metadata in the head, no streaming), as Next's
  // renderer tells them apart (its own bot test; next/server's userAgent() knows fewer): never kept.
  if (isBot(request.headers.get('user-agent') ?? '')) return NextResponse.next({ request: { headers } });
  const locale = resolveLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get('accept-language'));
  const theme = parseTheme(request.cookies.get(THEME_COOKIE)?.value);
  const path = pathname + request.nextUrl.search;
  const page = await cachedPage({ pageHeaders: headers, policyFor, inputs: { path, locale, theme, isHttps, outcome: inspected } });
  // A render consumed the handed-off outcome; a page kept from before did not need it.
  takeHandedOff(handedOff);
  if (page) {
    const copy = copyWithNonce(page, nonce);
    return new NextResponse(copy.html, { status: 200, headers: copy.headers });
  }
  headers.set(HANDOFF_HEADER, handOff(outcome));
  return NextResponse.next({ request: { headers } });
}
