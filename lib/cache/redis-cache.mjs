// The Redis backend of Folio's Next.js cache handler (used when REDIS_URL is set): every instance reads and writes the
// same entries, and a tag expired by one instance is expired for all. Plain JavaScript: Next.js imports the handler
// outside its bundles.
//
// - Entries: one hash per key, `folio:<BUILD_ID>:e:<sha256(key)>` = { v: the value, t: when stored, g: its tags }.
//   Keyed by build, so two builds side by side (a rolling deploy) never read each other's pages. The value is
//   v8.serialize()d behind a format byte: Buffers (RSC payloads, PNG social cards) and Maps (segment data) come
//   back as they went in, which JSON cannot do.
// - Tags: `folio:tags` (tag → when it expired) and `folio:tag-prefixes` (for a tag ending in "*"), not per build,
//   so an expiry during a rolling deploy reaches both builds' pages.
// - Every time is Redis's own clock (TIME inside the scripts), so instances whose clocks disagree still compare an
//   entry's age with an expiry correctly; each read, write and expiry is one script, one round trip, atomic.
// - An entry lives at most `retainMs` (tag-store.mjs RETAIN_MS, an hour; next.config expireTime is far shorter), so
//   an expiry older than that can never matter: the tag hash is pruned to it.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { KEY_PREFIX } from "../redis/connection.mjs";

const FORMAT = 1;
const TAGS_KEY = `${KEY_PREFIX}tags`;
const PREFIXES_KEY = `${KEY_PREFIX}tag-prefixes`;
/** Prune the tag hash when it holds more tags than this (a site's pages, plus room). */
const PRUNE_ABOVE = 20_000;

// Shared by the scripts: `now` in ms from Redis's clock, and whether any tag in `tags` (newline-separated) or in the
// extra ARGV from `first` on was expired at or after `since`: an expiry in the same millisecond as a store counts, as
// the entry may have been rendered before it (a miss costs a render; a stale page would stay until the next change).
const EXPIRED_SINCE = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function expired(tag, since, prefixes)
  local at = redis.call('HGET', KEYS[2], tag)
  if at and tonumber(at) >= since then return true end
  for i = 1, #prefixes, 2 do
    if tonumber(prefixes[i + 1]) >= since and string.sub(tag, 1, #prefixes[i]) == prefixes[i] then return true end
  end
  return false
end
local function any_expired(tags, since, first)
  local prefixes = redis.call('HGETALL', KEYS[3])
  for tag in string.gmatch(tags or '', '[^\\n]+') do
    if expired(tag, since, prefixes) then return true end
  end
  for i = first, #ARGV do
    if expired(ARGV[i], since, prefixes) then return true end
  end
  return false
end
`;

// KEYS: entry, tags, prefixes. ARGV: extra tags to check (a fetch's own). Returns { value, storedAt } or nil.
const READ = `${EXPIRED_SINCE}
local e = redis.call('HMGET', KEYS[1], 'v', 't', 'g')
if not e[1] then return nil end
if any_expired(e[3], tonumber(e[2]), 1) then return nil end
return { e[1], e[2] }
`;

// KEYS: entry, tags, prefixes. ARGV: value, ttl ms, grace ms, tags (newline-separated). Stores the entry unless one
// of its tags was expired within the grace period (its render may have read the content before that change), in
// which case the old entry is deleted too. Returns 1 when stored.
const WRITE = `${EXPIRED_SINCE}
local now = now_ms()
if any_expired(ARGV[4], now - tonumber(ARGV[3]), 5) then
  redis.call('DEL', KEYS[1])
  return 0
end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 't', now, 'g', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

// KEYS: tags, prefixes. ARGV: the tags to expire now (a trailing "*" makes a prefix), then the retention in ms.
const EXPIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local retain = tonumber(ARGV[#ARGV])
for i = 1, #ARGV - 1 do
  local tag = ARGV[i]
  if string.sub(tag, -1) == '*' then redis.call('HSET', KEYS[2], string.sub(tag, 1, -2), now)
  else redis.call('HSET', KEYS[1], tag, now) end
end
if redis.call('HLEN', KEYS[1]) > ${PRUNE_ABOVE} then
  local all = redis.call('HGETALL', KEYS[1])
  for i = 1, #all, 2 do
    if tonumber(all[i + 1]) < now - retain then redis.call('HDEL', KEYS[1], all[i]) end
  end
end
return now
`;

/** The build's id (`.next/BUILD_ID`), read once per build folder; entries of other builds are never read. */
const buildIds = new Map();
export function buildIdOf(serverDistDir) {
  if (!serverDistDir) return "unknown-build";
  if (!buildIds.has(serverDistDir)) {
    let id = "unknown-build";
    try {
      id = readFileSync(path.join(/* turbopackIgnore: true */ serverDistDir, "..", "BUILD_ID"), "utf8").trim() || id;
    } catch {
      // No BUILD_ID (a test's scratch folder): every process of it shares one namespace.
    }
    buildIds.set(serverDistDir, id);
  }
  return buildIds.get(serverDistDir);
}

function encode(value) {
  return Buffer.concat([Buffer.from([FORMAT]), v8.serialize(value)]);
}

function decode(bytes) {
  if (!Buffer.isBuffer(bytes) || bytes[0] !== FORMAT) throw new Error("a cache entry in an unknown format");
  return v8.deserialize(bytes.subarray(1));
}

/** The cache storage on Redis, for one build. Every method throws on a Redis error; the handler decides what then. */
export class RedisCache {
  /**
   * @param {{ blobs: any, client: any }} connection (lib/redis/connection.mjs) @param {string} buildId
   * @param {number} retainMs the longest an entry is kept
   */
  constructor(connection, buildId, retainMs) {
    this.redis = connection;
    this.prefix = `${KEY_PREFIX}${buildId}:e:`;
    this.retainMs = retainMs;
  }

  entryKey(key) {
    return this.prefix + createHash("sha256").update(key).digest("hex");
  }

  /**
   * The entry at `key`, or null when there is none or one of its tags (or of `extraTags`) was expired after it was
   * stored. `lastModified` is when it was stored.
   */
  async get(key, extraTags = []) {
    const reply = await this.redis.blobs.eval(READ, { keys: [this.entryKey(key), TAGS_KEY, PREFIXES_KEY], arguments: extraTags });
    if (!reply) return null;
    const { value, cacheControl } = decode(reply[0]);
    return { value, lastModified: Number(reply[1].toString()), cacheControl };
  }

  /**
   * Stores `value` with its tags for `ttlMs` (at most `retainMs`), unless a tag of it (or of `extraTags`)
   * was expired in the last `graceMs`; then deletes what was there. Resolves to whether it was stored.
   */
  async set(key, { value, cacheControl }, { tags, extraTags = [], ttlMs, graceMs }) {
    const ttl = Math.max(1000, Math.min(Math.round(ttlMs), this.retainMs));
    const stored = await this.redis.client.eval(WRITE, {
      keys: [this.entryKey(key), TAGS_KEY, PREFIXES_KEY],
      arguments: [encode({ value, cacheControl }), String(ttl), String(graceMs), tags.join("\n"), ...extraTags],
    });
    return stored === 1;
  }

  async delete(key) {
    await this.redis.client.del(this.entryKey(key));
  }
}

/** The tag-expiry store on Redis (the TagStore interface of tag-store.mjs), for every build of the site. */
export class RedisTagStore {
  /** @param {{ client: any }} connection @param {number} retainMs how long an expiry must be remembered */
  constructor(connection, retainMs) {
    this.redis = connection;
    this.retainMs = retainMs;
  }

  /** Marks `tags` expired now, by Redis's clock (`at` is ignored: instances' clocks may disagree). */
  async expire(tags) {
    if (tags.length === 0) return;
    await this.redis.client.eval(EXPIRE, { keys: [TAGS_KEY, PREFIXES_KEY], arguments: [...tags, String(this.retainMs)] });
  }

  /** Whether any of `tags` was expired at or after `since` (ms, Redis's clock). */
  async expiredSince(tags, since) {
    if (tags.length === 0) return false;
    const exact = tags.filter((tag) => !tag.endsWith("*"));
    const [times, prefixes] = await Promise.all([exact.length ? this.redis.client.hmGet(TAGS_KEY, exact) : [], this.redis.client.hGetAll(PREFIXES_KEY)]);
    if (times.some((at) => at !== null && Number(at) >= since)) return true;
    return Object.entries(prefixes).some(([prefix, at]) => Number(at) >= since && tags.some((tag) => tag.startsWith(prefix)));
  }
}
