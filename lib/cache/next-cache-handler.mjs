// Folio's Next.js cache handler (next.config.ts: `cacheHandler`, with `cacheMaxMemorySize: 0`). Next.js loads this
// file with a bare import(), outside its bundles, and constructs the class several times per request, so all state
// lives at module level or on globalThis. Two rules on top of the storage:
//
// 1. Only successful answers are kept. A page that answers 404 (an unknown slug, a post that left the public set),
//    a route handler's 405, a redirect: nothing is written, and what was stored under that key before is deleted.
//    So a stranger's random URLs write nothing to disk, a POST cannot turn a feed into a cached 405, and a post that
//    became a draft leaves no old 200 behind to be served "stale".
// 2. An entry carrying a tag that was expired after it was stored is a miss (Next.js renders it afresh, blocking),
//    whoever expired the tag: revalidatePath in a request, or expireTags/expirePaths from anywhere in the process
//    (lib/cache/index.ts, the content watcher). An answer rendered just before an expiry is not stored either.
//
// Two backends, one set of rules. One machine: Next.js's own file cache (file-storage.mjs) with the tag store in this
// process. REDIS_URL set: entries and tag expiries on Redis (redis-cache.mjs), shared by every instance; a Redis
// error is then a miss (the page is rendered), logged at most every 10 s, never an error page. No memory copy either
// way (next.config `cacheMaxMemorySize: 0`): an expired or deleted entry is gone for every instance at once.
import { logRedisProblem, sharedRedis } from "../redis/connection.mjs";
import { FileStorage } from "./file-storage.mjs";
import { buildIdOf, RedisCache } from "./redis-cache.mjs";
import { RETAIN_MS, tagStore } from "./tag-store.mjs";

/**
 * An answer rendered within this long before one of its tags was expired may have read the content as it was before
 * the change (the render started first), so it is served to its own request but not stored. Longer than any render
 * Folio allows.
 */
export const RENDER_GRACE_MS = 10_000;

const TAGS_HEADER = "x-next-cache-tags";

/** Whether Next.js's cache value is a successful answer (2xx; a page without a status is a 200). */
export function isCacheable(value) {
  if (!value) return false;
  const ok = (status) => status === undefined || status === null || (status >= 200 && status <= 299);
  switch (value.kind) {
    case "APP_PAGE":
    case "PAGES":
    case "APP_ROUTE":
      return ok(value.status);
    case "FETCH":
      return ok(value.data?.status);
    default:
      return true;
  }
}

/** The tags an entry answers to: the tags header of a page or route, or a fetch's own tags. */
function tagsOf(value, ctx) {
  if (!value) return [];
  if (value.kind === "FETCH") return [...(ctx?.tags ?? []), ...(ctx?.softTags ?? []), ...(value.tags ?? [])];
  const header = value.headers?.[TAGS_HEADER];
  return typeof header === "string" && header ? header.split(",") : [];
}

export default class FolioCacheHandler {
  /** @param {object} ctx Next.js's handler context: fs, serverDistDir, flushToDisk, revalidatedTags, … */
  constructor(ctx) {
    const redis = sharedRedis();
    this.backend = redis ? new RedisBackend(new RedisCache(redis, buildIdOf(ctx?.serverDistDir), RETAIN_MS)) : new FileBackend(ctx);
  }

  get(key, ctx) {
    return this.backend.get(key, ctx);
  }

  async set(key, data, ctx) {
    if (data === null || data === undefined) return;
    await this.backend.set(key, data, ctx);
  }

  /** revalidatePath/revalidateTag/updateTag: expire now. Folio never asks for stale-while-revalidate by tag. */
  async revalidateTag(tags) {
    await tagStore().expire(typeof tags === "string" ? [tags] : tags, Date.now());
  }

  resetRequestCache() {}
}

/** One machine: Next.js's file cache, the tag store in this process. */
class FileBackend {
  constructor(ctx) {
    this.storage = new FileStorage(ctx);
    this.tags = tagStore();
  }

  async get(key, ctx) {
    const entry = await this.storage.get(key, ctx);
    if (!entry?.value) return entry ?? null;
    if (await this.tags.expiredSince(tagsOf(entry.value, ctx), entry.lastModified ?? 0)) return null;
    return entry;
  }

  async set(key, data, ctx) {
    const keep = isCacheable(data) && !(await this.tags.expiredSince(tagsOf(data, ctx), Date.now() - RENDER_GRACE_MS));
    if (keep) await this.storage.set(key, data, ctx);
    else await this.storage.delete(key, { kind: kindOf(data, ctx) });
  }
}

/** Several instances: entries and expiries on Redis; any Redis failure is a miss (get) or nothing kept (set). */
class RedisBackend {
  constructor(cache) {
    this.cache = cache;
  }

  async get(key, ctx) {
    try {
      // A fetch entry answers to the tags of the request asking for it; a page's or route's are stored with it.
      const asked = ctx?.kind === "FETCH" ? [...(ctx.tags ?? []), ...(ctx.softTags ?? [])] : [];
      return await this.cache.get(key, asked);
    } catch (error) {
      logRedisProblem("cache read (served as a miss)", error);
      return null;
    }
  }

  async set(key, data, ctx) {
    try {
      if (!isCacheable(data)) {
        await this.cache.delete(key);
        return;
      }
      const expireSeconds = ctx?.cacheControl?.expire ?? data?.revalidate ?? 31_536_000;
      await this.cache.set(key, { value: data, cacheControl: ctx?.cacheControl }, { tags: tagsOf(data, ctx), ttlMs: expireSeconds * 1000, graceMs: RENDER_GRACE_MS });
    } catch (error) {
      logRedisProblem("cache write (not kept)", error);
    }
  }
}

// A set() context has no `kind`; the value's kind names the same files (FETCH entries live elsewhere).
function kindOf(data, ctx) {
  if (ctx?.kind) return ctx.kind;
  return data?.kind === "FETCH" ? "FETCH" : data?.kind;
}
