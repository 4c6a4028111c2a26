import { NextResponse, type NextRequest } from "next/server";
import { readEnv } from "@/lib/config/env";
import { MAX_ACTION_BODY_BYTES } from "@/lib/http/limits";

// Two narrow gates in front of the app, and nothing else: who may do what is decided by each page and server
// action itself (lib/auth/request.ts), never here.

function refuse(status: 411 | 413, message: string): NextResponse {
  return new NextResponse(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * Next.js enforces serverActions.bodySizeLimit but answers an oversized body with a 500; this answers 413 from
 * Content-Length alone, before a byte is read. A body without a length (chunked) cannot be sized up front, so it is
 * refused with 411; browsers always send one.
 *
 * Next.js also checks an action's Origin against X-Forwarded-Host when there is one. Unless TRUST_PROXY=1 says a
 * reverse proxy writes that header (as it does X-Forwarded-For for the sign-in throttle), it came from the client,
 * so it is dropped and the Origin is checked against Host.
 */
function guardAction(request: NextRequest): NextResponse {
  if (request.method !== "POST") return NextResponse.next();
  const length = request.headers.get("content-length");
  if (length === null) return refuse(411, "Length Required: a server action request needs a Content-Length header.");
  if (!/^\d{1,16}$/.test(length.trim()) || Number(length) > MAX_ACTION_BODY_BYTES) {
    return refuse(413, `Payload Too Large: a server action request may carry at most ${MAX_ACTION_BODY_BYTES} bytes.`);
  }
  if (!readEnv("TRUST_PROXY") && request.headers.has("x-forwarded-host")) {
    const headers = new Headers(request.headers);
    headers.delete("x-forwarded-host");
    return NextResponse.next({ request: { headers } });
  }
  return NextResponse.next();
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

export function proxy(request: NextRequest): NextResponse {
  // Next.js hides `_rsc` and the RSC header from the proxy, so the third matcher below is the only way a read gets
  // here without the marks of an action: it carried `_rsc` and no RSC header.
  const isAction = request.headers.has("next-action") || (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
  if (!isAction && (request.method === "GET" || request.method === "HEAD")) return keepPayloadUrlsForPayloads(request);
  return guardAction(request);
}

// Only requests that need a gate reach the proxy; every ordinary page view skips it and costs nothing. Fetch actions
// carry Next-Action, form actions (sign-in without JavaScript) are multipart POSTs.
export const config = {
  matcher: [
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
    { source: "/:path*", has: [{ type: "header", key: "content-type", value: "multipart/form-data.*" }] },
    { source: "/:path*", has: [{ type: "query", key: "_rsc" }], missing: [{ type: "header", key: "rsc" }] },
  ],
};
