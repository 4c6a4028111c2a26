/** Runs once when the server starts (not during `next build`). */
export async function register(): Promise<void> {
  // NEXT_RUNTIME and NEXT_PHASE are Next.js's own signals, not configuration; and this file is also compiled for
  // the edge runtime, where lib/config/env.ts (node:path) cannot be imported.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // A bad REDIS_URL stops the server here, naming the variable, rather than at the first admin request.
  const { readEnv } = await import("./lib/config/env");
  readEnv("REDIS_URL");
  readEnv("FOLIO_NGINX_REFRESH_URLS");
  // Several instances: connect to Redis now, in the background, so the first requests find it ready.
  const { sharedRedis } = await import("./lib/redis/connection.mjs");
  sharedRedis();
  const { announceAdminSetup } = await import("./lib/admin/startup");
  await announceAdminSetup();
  // Expires the pages of posts that enter or leave the public set (a file edited on disk, a scheduled date reached),
  // and with Redis hears about the changes the other instances make. Each look also records changes made outside the
  // admin in the posts' history.
  const { ensureContentWatcher } = await import("./lib/cache/watcher");
  const { noticeOutsideChanges } = await import("./lib/admin/history/outside");
  ensureContentWatcher({ onLook: noticeOutsideChanges });
  // The render worker threads start with the server, so no reader waits for their start-up; a moment after it, so
  // they do not compete with the server's own start for the cores.
  const { warmRenderPool } = await import("./lib/content");
  setTimeout(warmRenderPool, 2000).unref();
}
