import "server-only";
import http from "node:http";
import https from "node:https";
import { env, readEnv } from "@/lib/config/env";

/**
 * Fresh copies in nginx's cache after a change, instead of readers waiting for the old ones to expire: each
 * configured nginx (FOLIO_NGINX_REFRESH_URLS) is sent a GET for every page the change affects, with
 * `X-Folio-Refresh: SECRET`. The shipped config (deploy/nginx.conf) then skips its cache for that request and
 * stores the fresh answer in place of the old copy. The request carries SITE_URL's host name (and, over TLS, names
 * it to the server), so it lands on the same cache entry as a reader's.
 *
 * Requests run in the background, a few at a time; changes arriving meanwhile are merged into the next round, so a
 * burst of edits costs one refresh of each page, not one per edit. Pages named by a prefix (`/blog/*`: every post's
 * related links) are not enumerated; nginx keeps those copies one second at most.
 */

export type RefreshTarget = { origins: string[]; secret: string; siteUrl: URL };

const CONCURRENCY = 4;
const TIMEOUT_MS = 5000;
const LOG_EVERY_MS = 10_000;

let lastLog = 0;
function logProblem(message: string): void {
  if (Date.now() - lastLog < LOG_EVERY_MS) return;
  lastLog = Date.now();
  console.error(`[folio] nginx refresh: ${message}`);
}

/** Where to send refreshes, from the environment; null when no nginx is configured (or no secret: logged). */
export function refreshTargetFromEnv(): RefreshTarget | null {
  const origins = readEnv("FOLIO_NGINX_REFRESH_URLS");
  if (origins.length === 0) return null;
  const secret = readEnv("FOLIO_NGINX_REFRESH_SECRET");
  if (!secret) {
    logProblem("FOLIO_NGINX_REFRESH_URLS is set but FOLIO_NGINX_REFRESH_SECRET is not; nothing is refreshed");
    return null;
  }
  return { origins, secret, siteUrl: new URL(env().siteUrl) };
}

/** Sends one refresh; resolves to nginx's status, or throws on a network error or timeout. */
export function refreshOne(origin: string, path: string, target: RefreshTarget): Promise<number> {
  const url = new URL(encodeURI(path), origin);
  const secure = url.protocol === "https:";
  const request = secure ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "GET",
        headers: { host: target.siteUrl.host, "x-folio-refresh": target.secret, "user-agent": "folio-refresh" },
        servername: secure ? target.siteUrl.hostname : undefined,
        timeout: TIMEOUT_MS,
      },
      (response) => {
        response.resume(); // the body only has to reach nginx's cache, not us
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    req.on("error", reject);
    req.end();
  });
}

/** Refreshes pages in every configured nginx, merging requests that arrive while a round runs. */
export class NginxRefresher {
  #pending = new Set<string>();
  #round: Promise<void> | undefined;

  constructor(private readonly target: RefreshTarget) {}

  /** Queues `paths` (prefixes skipped); resolves once a round that includes them has ended. */
  refresh(paths: readonly string[]): Promise<void> {
    for (const path of paths) if (!path.endsWith("*")) this.#pending.add(path);
    if (this.#pending.size === 0) return this.#round ?? Promise.resolve();
    this.#round ??= this.#run();
    return this.#round;
  }

  /** Runs rounds until nothing is pending, and forgets itself in the very step that finds the queue empty. */
  async #run(): Promise<void> {
    // Let the caller's synchronous code finish first, so #round is set before this can end.
    await Promise.resolve();
    for (;;) {
      if (this.#pending.size === 0) {
        this.#round = undefined;
        return;
      }
      const jobs = [...this.#pending].flatMap((path) => this.target.origins.map((origin) => ({ origin, path })));
      this.#pending.clear();
      let next = 0;
      const worker = async () => {
        while (next < jobs.length) {
          const { origin, path } = jobs[next++]!;
          const status = await refreshOne(origin, path, this.target).catch((error: Error) => error);
          if (status instanceof Error || status >= 500 || status === 429) {
            logProblem(`${origin}${path}: ${status instanceof Error ? status.message : `answered ${status}`} (its copy expires within a second anyway)`);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
    }
  }
}

const SLOT = Symbol.for("folio.nginx-refresher");
type Slot = { key: string; refresher: NginxRefresher | null };

/** The process's refresher for the configured nginx servers, or null when none are configured. */
export function nginxRefresher(): NginxRefresher | null {
  const key = JSON.stringify([process.env.FOLIO_NGINX_REFRESH_URLS, process.env.FOLIO_NGINX_REFRESH_SECRET, process.env.SITE_URL]);
  const holder = globalThis as Record<symbol, Slot | undefined>;
  const slot = holder[SLOT];
  if (slot?.key === key) return slot.refresher;
  const target = refreshTargetFromEnv();
  holder[SLOT] = { key, refresher: target ? new NginxRefresher(target) : null };
  return holder[SLOT].refresher;
}
