// The tag-expiry store of Folio's Next.js cache handler: which cache tags (Next's implicit `_N_T_<path>` tags, or
// prefixes of them) were expired, and when. Plain JavaScript because Next.js loads the cache handler with a bare
// import(), outside its bundles; the app reaches the same store through globalThis (lib/cache/index.ts), so a
// server action, a route handler or the content watcher (no request at all) can expire pages.
//
// The interface is two async calls, so the shared store on Redis (redis-cache.mjs, when REDIS_URL is set) and the
// in-process one are interchangeable:
//   expire(tags, at)           marks each tag expired at `at` (ms); a tag ending in "*" is a prefix
//   expiredSince(tags, since)  whether any of `tags` was expired after `since` (an entry's lastModified)
import { logRedisProblem, sharedRedis } from "../redis/connection.mjs";
import { RedisTagStore } from "./redis-cache.mjs";

/** Next.js's prefix for the implicit tags it gives every page and route handler (`_N_T_/blog/a`). */
export const IMPLICIT_TAG = "_N_T_";

/**
 * How long an expiry is remembered. An entry older than the route's `expire` (next.config `expireTime`, 300 s) is
 * re-rendered anyway, so forgetting expiries much older than that changes nothing; it keeps the map bounded.
 */
export const RETAIN_MS = 60 * 60 * 1000;
const PRUNE_ABOVE = 10_000;

/** One process's expiries. Exact tags in one map, prefix tags (`…*`) in another: there are only ever a few. */
export class MemoryTagStore {
  #exact = new Map();
  #prefixes = new Map();

  /** @param {readonly string[]} tags @param {number} [at] */
  async expire(tags, at = Date.now()) {
    for (const tag of tags) {
      const map = tag.endsWith("*") ? this.#prefixes : this.#exact;
      const key = tag.endsWith("*") ? tag.slice(0, -1) : tag;
      map.set(key, Math.max(at, map.get(key) ?? 0));
    }
    if (this.#exact.size > PRUNE_ABOVE) this.prune(at - RETAIN_MS);
  }

  /** @param {readonly string[]} tags @param {number} since */
  async expiredSince(tags, since) {
    for (const tag of tags) {
      if ((this.#exact.get(tag) ?? 0) > since) return true;
      for (const [prefix, at] of this.#prefixes) if (at > since && tag.startsWith(prefix)) return true;
    }
    return false;
  }

  /** Forgets expiries from before `before` (ms). */
  prune(before) {
    for (const map of [this.#exact, this.#prefixes]) for (const [key, at] of map) if (at < before) map.delete(key);
  }
}

/** Most tags kept for a later write while Redis is away; past that, every page is expired when it returns. */
const MAX_PENDING = 5_000;

/**
 * The Redis tag store, made to survive Redis being away: an expiry that cannot be written now (the content watcher
 * saw a file edited on disk during an outage) is kept and written as soon as the connection is back, so no instance
 * serves that page from before the change afterwards. Never throws from `expire`: the change it follows has happened.
 */
export class ReplayingTagStore {
  #pending = new Set();
  #overflow = false;

  /** @param {{ expire: Function, expiredSince: Function }} inner @param {{ onReady(fn: () => void): void }} connection */
  constructor(inner, connection) {
    this.inner = inner;
    connection.onReady(() => void this.expire([]));
  }

  async expire(tags, at = Date.now()) {
    for (const tag of tags) this.#pending.add(tag);
    if (this.#pending.size > MAX_PENDING) {
      this.#pending.clear();
      this.#overflow = true;
    }
    if (this.#pending.size === 0 && !this.#overflow) return;
    const batch = this.#overflow ? [`${IMPLICIT_TAG}*`] : [...this.#pending];
    try {
      await this.inner.expire(batch, at);
      for (const tag of batch) this.#pending.delete(tag);
      if (this.#overflow && batch.length === 1 && batch[0] === `${IMPLICIT_TAG}*`) this.#overflow = false;
    } catch (error) {
      logRedisProblem(`expiring ${batch.length} page tags (kept; written when Redis is back)`, error);
    }
  }

  /** How many tags wait for Redis (tests, the admin's status). */
  get pending() {
    return this.#overflow ? Infinity : this.#pending.size;
  }

  expiredSince(tags, since) {
    return this.inner.expiredSince(tags, since);
  }
}

const STORE_KEY = Symbol.for("folio.cache.tag-store");

/**
 * The process's tag store (created on first use), shared through globalThis by the handler and the app: on Redis
 * when REDIS_URL is set (every instance sees every expiry), else in this process.
 */
export function tagStore() {
  if (globalThis[STORE_KEY]) return globalThis[STORE_KEY];
  const redis = sharedRedis();
  return (globalThis[STORE_KEY] = redis ? new ReplayingTagStore(new RedisTagStore(redis, RETAIN_MS), redis) : new MemoryTagStore());
}

/** Replaces the process's tag store (a shared one, or a fresh one in tests). */
export function setTagStore(store) {
  globalThis[STORE_KEY] = store;
}

// As Next.js encodes tags (server/lib/encode-header-safe.js): anything outside tab and printable ASCII is
// percent-encoded, so `/blog/café` is the tag Next.js gave that page. lib/cache/tag-store.test.ts compares the two.
function encodeHeaderSafe(value) {
  return /[^\t\x20-\x7e]/.test(value) ? value.replace(/[^\t\x20-\x7e]+/g, (run) => encodeURIComponent(run)) : value;
}

/**
 * The tags that name a public path, as revalidatePath(path) names them: `_N_T_` + the path without its trailing
 * slash; `/` is also `/index`. A path ending in `/*` names every path below it (a prefix tag).
 * @param {string} path
 * @returns {string[]}
 */
export function pathTags(path) {
  if (path.endsWith("/*")) return [`${IMPLICIT_TAG}${encodeHeaderSafe(path.slice(0, -1))}*`];
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  const tag = `${IMPLICIT_TAG}${encodeHeaderSafe(trimmed)}`;
  return trimmed === "/" || trimmed === "/index" ? [`${IMPLICIT_TAG}/`, `${IMPLICIT_TAG}/index`] : [tag];
}
