import { redisUnavailable } from "@/lib/redis/status.mjs";

/** Seconds a client is told to wait before asking again while the admin is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>The admin is unavailable</title></head>
<body><main><h1>The admin is unavailable for a moment</h1>
<p>Folio keeps sign-ins, sessions and write locks in its shared store (Redis), which cannot be reached right now.
Nothing was changed. The public site is not affected.</p>
<p>This page works again by itself as soon as the store is back: reload it in a few seconds.</p></main></body></html>
`;

/**
 * With several instances the admin's sessions, sign-in throttle and write locks live on Redis: while it cannot be
 * reached, every admin page answers this clear 503 (with Retry-After) instead of an error, before anything is read or
 * written. A server action called from an open page (`Next-Action` header) is let through: it answers its own
 * "nothing was changed" in the page. Null when the admin can work.
 */
export function adminUnavailable(request: Request): Response | null {
  if (!redisUnavailable() || request.headers.has("next-action")) return null;
  return new Response(request.method === "HEAD" ? null : PAGE, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Retry-After": String(RETRY_AFTER_SECONDS) },
  });
}
