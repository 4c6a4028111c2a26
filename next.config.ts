import { availableParallelism } from "node:os";
import path from "node:path";
import type { NextConfig } from "next";
import { readEnv } from "./lib/config/env";
import { MAX_ACTION_BODY_BYTES } from "./lib/http/limits";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

// Public pages are static (rendered once, served from the cache), so their inline scripts cannot carry a
// per-response nonce: 'unsafe-inline' stays, for the reason docs/security.md gives. The admin gets a nonce policy
// from proxy.ts instead. Images may come from any https origin and the sanitizer's two video players may be framed,
// because Hugo sites embed both in their raw HTML (lib/content/render/raw-html.ts keeps nothing else).
const publicPolicy = {
  key: "Content-Security-Policy",
  value:
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; frame-src https://www.youtube-nocookie.com https://player.vimeo.com; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
};

const SVG_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; font-src 'self'; sandbox";

const config: NextConfig = {
  // The e2e suite and the benchmark build into their own folders so they never clobber the site's build.
  distDir: readEnv("FOLIO_DIST_DIR"),
  poweredByHeader: false,
  // Folio's cache handler (lib/cache): Next's file cache that never keeps a non-2xx answer (404s write nothing) and
  // honours expiries made outside a request (the content watcher). No in-memory copy, so a deleted entry is gone.
  cacheHandler: path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "cache", "next-cache-handler.mjs"),
  cacheMaxMemorySize: 0,
  // Loaded from node_modules at run time, not bundled: the cache handler (outside the bundles) and the app share one
  // copy and one connection per process (lib/redis/connection.mjs).
  serverExternalPackages: ["@redis/client", "rate-limiter-flexible"],
  // A page older than this is re-rendered before it is served: stale-while-revalidate lasts minutes, not a year.
  expireTime: 300,
  // A Hugo site's URLs end in `/` and Folio's own in none: proxy.ts redirects each to its own spelling
  // (lib/routing/site-request.ts), so Next.js's one-size redirect is off.
  skipTrailingSlashRedirect: true,
  // proxy.ts sees each request as the client sent it (the `_rsc` parameter and the RSC headers included, the
  // trailing slash kept), so one matcher can send it every request and it can tell a payload URL from a page URL.
  skipProxyUrlNormalize: true,
  // `npm test` type-checks the whole project before its e2e build, so that build skips Next's second pass.
  typescript: { ignoreBuildErrors: readEnv("FOLIO_SKIP_TYPECHECK") },
  reactStrictMode: true,
  // Content is read at run time from CONTENT_DIR, never bundled: keep posts, fixtures and benchmark corpora out of
  // every route's file trace (tracing thousands of posts slows the build and bloats a standalone output).
  outputFileTracingExcludes: { "/*": ["content/**", "tests/**", "bench/**", ".e2e*/**", ".data/**"] },
  // No remote images, and /_next/image is not an open proxy.
  images: { unoptimized: true },
  // CSS is inlined into each page: one less render-blocking request on a first visit.
  // authInterrupts gives forbidden(): a real 403 page for a signed-in user without the role.
  // cpus: static generation on every core; Next's default (cores − 1) runs one worker on a two-core machine.
  // proxy.ts turns an oversized body into a 413 before Next.js reads it (Next.js itself would answer 500).
  experimental: { serverActions: { bodySizeLimit: MAX_ACTION_BODY_BYTES }, inlineCss: true, authInterrupts: true, cpus: Math.max(1, availableParallelism()) },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/((?!admin(?:/|$)).*)", headers: [publicPolicy] },
      // A Hugo site's SVG files (static/ and bundles, lib/http/static-file.ts) can carry script: opened on their
      // own they draw and do nothing else. Listed after the site-wide policy, so this one wins for them.
      { source: "/:file(.*\\.svg)", headers: [{ key: "Content-Security-Policy", value: SVG_POLICY }] },
      {
        source: "/admin/:path*",
        headers: [
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
          { key: "Cache-Control", value: "private, no-store" },
        ],
      },
      { source: "/admin", headers: [{ key: "X-Robots-Tag", value: "noindex, nofollow" }, { key: "Cache-Control", value: "private, no-store" }] },
      // A share link shows an unpublished post to one reviewer: never stored, never indexed, and its secret URL is
      // never sent on as a Referer by the links on the page.
      {
        source: "/share/:token*",
        headers: [
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
          { key: "Cache-Control", value: "private, no-store" },
          { key: "Referrer-Policy", value: "no-referrer" },
        ],
      },
    ];
  },
};

export default config;
