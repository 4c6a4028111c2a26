import { NextResponse, type NextRequest } from "next/server";
import { readEnv } from "@/lib/config/env";
import { adminUnavailable } from "@/lib/http/admin-unavailable";
import { MAX_ACTION_BODY_BYTES } from "@/lib/http/limits";
import { PEER_CHECK_HEADER, peerCheckToken } from "@/lib/http/peer";
import { isPlausiblePublicPath } from "@/lib/http/public-paths";
import { redirect, routeSiteRequest } from "@/lib/routing/site-request";

// Gates in front of the app, each cheap and decided from the request line and headers alone: who may do what is
// decided by each page and server action itself (lib/auth/request.ts), never here. next.config.ts sets
// skipProxyUrlNormalize, so this sees the URL and headers as the client sent them (`_rsc`, `RSC` included).

const TEXT = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };

function refuse(status: 403 | 404 | 405 | 411 | 413, message: string, headers: Record<string, string> = {}): NextResponse {
  return new NextResponse(`${message}\n`, { status, headers: { ...TEXT, ...headers } });
}

/**
 * Next.js enforces serverActions.bodySizeLimit but answers an oversized body with a 500; this answers 413 from
 * Content-Length alone, before a byte is read. A body without a length (chunked) cannot be sized up front, so it is
 * refused with 411; browsers always send one.
 *
 * Next.js also checks an action's Origin against X-Forwarded-Host when there is one. Unless TRUST_PROXY=1 says a
 * reverse proxy writes that header, it came from the client, so it is dropped and the Origin is checked against
 * Host. X-Forwarded-For likewise: dropped, so Next.js fills it from the socket and the sign-in throttle counts the
 * real peer address (lib/http/peer.ts marks the request so the throttle knows this ran).
 *
 * Answers a refusal, or null once `headers` (the request's, to be passed on) are adjusted.
 */
function guardAction(request: NextRequest, headers: Headers): NextResponse | null {
  if (!isSameOrigin(request)) return refuse(403, "Forbidden: this form or action was posted from another site.");
  const length = request.headers.get("content-length");
  if (length === null) return refuse(411, "Length Required: a server action request needs a Content-Length header.");
  if (!/^\d{1,16}$/.test(length.trim()) || Number(length) > MAX_ACTION_BODY_BYTES) {
    return refuse(413, `Payload Too Large: a server action request may carry at most ${MAX_ACTION_BODY_BYTES} bytes.`);
  }
  if (!readEnv("TRUST_PROXY")) {
    headers.delete("x-forwarded-host");
    headers.delete("x-forwarded-for");
  }
  headers.set(PEER_CHECK_HEADER, peerCheckToken());
  return null;
}

/**
 * A URL carrying `_rsc` is where the router fetches a page's RSC payload; Next.js already sends RSC requests for a
 * page's own URL there. A request for it without the RSC header is sent back to the page, so each URL only ever
 * answers one kind of body, and even a shared cache that ignores `Vary` cannot hand HTML to the router or a
 * payload to a browser.
 */
function keepPayloadUrlsForPayloads(request: NextRequest): NextResponse {
  const url = request.nextUrl.clone();
  url.searchParams.delete("_rsc");
  return NextResponse.redirect(url, { status: 307, headers: { "Cache-Control": "no-store" } });
}

/**
 * Whether a POST comes from a page of this site: its Origin names the host it was sent to (X-Forwarded-Host when
 * TRUST_PROXY=1 says a reverse proxy wrote it). Browsers send Origin with every POST; one without (a script) is let
 * through to Next.js's own check. Next.js would refuse a foreign one too, but with an error inside a 200 or 500.
 */
function isSameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  const host = (readEnv("TRUST_PROXY") && request.headers.get("x-forwarded-host")) || request.headers.get("host");
  try {
    return host !== null && new URL(origin).host === host;
  } catch {
    return false; // "null" (a sandboxed frame, a privacy redirect) or garbage
  }
}

const UNDER_ADMIN = /^\/admin(?:\/|$)/;

/**
 * The admin's Content-Security-Policy: scripts only with this response's nonce, and what they load
 * ('strict-dynamic'), never inline script an attacker managed to inject. Next.js reads the nonce from the request's
 * own Content-Security-Policy header and stamps it on every script it writes; the admin renders per request anyway.
 * Public pages are static and keep 'unsafe-inline' (next.config.ts; docs/security.md says why).
 */
function withAdminPolicy(headers: Headers): NextResponse {
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""; // React's dev tools evaluate code
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev}`,
    "style-src 'self' 'unsafe-inline'",
    // The preview shows a post as readers will see it: remote images and the two video players included.
    "img-src 'self' data: https:",
    "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export async function proxy(request: NextRequest): Promise<NextResponse | Response> {
  const { pathname, searchParams } = request.nextUrl;
  const read = request.method === "GET" || request.method === "HEAD";
  if (read && searchParams.has("_rsc") && !request.headers.has("rsc")) return keepPayloadUrlsForPayloads(request);
  if (UNDER_ADMIN.test(pathname)) {
    // The same syntax gate as public pages: a dot segment or a slash inside a segment is never an admin page.
    if (read && !isPlausiblePublicPath(pathname)) return refuse(404, "Not found.");
    // Next.js's own trailing-slash redirect is off (Hugo URLs keep theirs): the admin's spellings with one, and
    // paths a URL parser resolved from `%2e%2e` (`/admin/preview/%2e%2e` is `/admin/`), go to the page's own URL.
    if (read && pathname.length > 1 && pathname.endsWith("/")) return redirect(request, pathname.replace(/\/+$/, ""));
    const unavailable = adminUnavailable(request);
    if (unavailable) return unavailable;
    const headers = new Headers(request.headers);
    return (read ? null : guardAction(request, headers)) ?? withAdminPolicy(headers);
  }
  // Public pages, feeds and cards are read, never posted to: refused here, before Next.js renders (and might cache)
  // an answer to a method the route does not take.
  if (!read) return refuse(405, "Method Not Allowed: public pages answer GET and HEAD only.", { Allow: "GET, HEAD" });
  // A URL no page can answer but with a 404 gets it here, without a render.
  if (!isPlausiblePublicPath(pathname)) return refuse(404, "Not found.");
  // A page's payload is fetched at the page's own URL, which is already routed.
  if (searchParams.has("_rsc")) return NextResponse.next();
  // A share link (its token's shape checked above) is Folio's own page on every kind of site.
  if (pathname.startsWith("/share/")) return NextResponse.next();
  // Every other read: the site's own URLs (a Hugo site's posts, pages, lists, aliases and files, old spellings, and
  // any path that names nothing) from the content's route table (lib/routing/site-request.ts).
  return routeSiteRequest(request);
}

// Every request but Next.js's hashed assets: the gates above must see every method on every public path.
export const config = {
  matcher: ["/((?!_next/static/).*)"],
};
