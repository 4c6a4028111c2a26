import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { readEnv } from "@/lib/config/env";
import { findResource, loadContentIndex, resolvePath, settleContentChange } from "@/lib/content";

/**
 * The proxy's view of a page request: the content index's route table (lib/content/routes.ts) decides whether a
 * path is a post or page at its Hugo URL (rewritten to the route that renders it), an alias or an old spelling
 * (308 to the URL it names), a file of the site (static/ or a bundle's), something of Folio's own (passed on),
 * or nothing (the prerendered 404 page: no render, nothing written to any cache).
 */

/** Where a rewrite sends a path the table does not know: no route matches it, so Next.js serves its static 404. */
const NOT_FOUND = "/hugo/not-found";

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

const encodePath = (path: string) => path.split("/").map(encodeURIComponent).join("/");

// request.url, not request.nextUrl: with skipProxyUrlNormalize it is the URL as requested (trailing slash kept),
// on the server's own origin, so a rewrite stays internal (one to another origin would be proxied over HTTP).
// A redirect goes to the origin the reader asked for (Host, and X-Forwarded-Proto behind a trusted proxy); Next.js
// needs it absolute.
export function redirect(request: NextRequest, to: string): NextResponse {
  const own = new URL(request.url);
  const forwarded = readEnv("TRUST_PROXY") ? request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() : undefined;
  const protocol = forwarded === "https" || forwarded === "http" ? `${forwarded}:` : own.protocol;
  const host = request.headers.get("host") ?? own.host;
  const url = new URL(`${encodePath(to)}${own.search}`, `${protocol}//${host}`);
  return new NextResponse(null, { status: 308, headers: { Location: url.toString(), "Cache-Control": "public, max-age=3600" } });
}

function rewrite(request: NextRequest, to: string): NextResponse {
  const url = new URL(to, request.url);
  url.search = new URL(request.url).search;
  return NextResponse.rewrite(url);
}

/** Routes one GET or HEAD request for a page or file (never an action, never an RSC payload). */
export async function routeSiteRequest(request: NextRequest): Promise<NextResponse> {
  const pathname = new URL(request.url).pathname;
  const index = await loadContentIndex();
  // The first request to meet changed content waits until the pages it touched are expired (a few milliseconds).
  await settleContentChange(index);
  const resolved = resolvePath(index, pathname);
  switch (resolved.kind) {
    case "render":
      return rewrite(request, resolved.internal);
    case "redirect":
      return redirect(request, resolved.to);
    case "not-found":
      return rewrite(request, NOT_FOUND);
    case "resource": {
      // The file route checks the path again; here only whether there is a file, so a miss is the static 404.
      if (!findResource(index, resolved.path)) return rewrite(request, NOT_FOUND);
      // Asked for under the baseURL's path (`/hugo-PaperMod/img/x.png`): the file's own URL is without it.
      return resolved.path === decoded(pathname) ? rewrite(request, `/hugo/file${pathname}`) : redirect(request, resolved.path);
    }
    case "pass":
      // Folio's own routes have no trailing slash (Next.js's redirect for it is off so Hugo's URLs can keep theirs).
      if (pathname.length > 1 && pathname.endsWith("/")) return redirect(request, decoded(pathname.replace(/\/+$/, "")));
      return NextResponse.next();
  }
}
