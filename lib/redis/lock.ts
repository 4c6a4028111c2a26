import "server-only";
import { randomUUID } from "node:crypto";
import { KEY_PREFIX, logRedisProblem, whenReady, type RedisConnection } from "./connection.mjs";

/**
 * A lock shared by every instance, on Redis: `SET key token NX PX ttl` takes it, a Lua compare-and-delete releases it
 * only if the token is still ours, and a live holder extends it every third of its time-to-live. One Redis, one key:
 * the plain single-instance algorithm (no Redlock, which is for several independent Redis masters). If a holder stalls
 * past its time-to-live, a second writer may get in; the compare-and-swap before every rename (lib/fs/atomic) then
 * refuses whichever write comes second, so an expired lock can cost a retry, never an update.
 */

/** Redis cannot be reached: nothing was locked, so nothing may be written. `code` is "EUNAVAILABLE". */
export class StoreUnavailableError extends Error {
  readonly code = "EUNAVAILABLE";
  constructor(what: string, cause?: unknown) {
    super(`${what}: the shared store (Redis) cannot be reached right now; nothing was changed, try again in a moment`, { cause });
    this.name = "StoreUnavailableError";
  }
}

export type RedisLockOptions = {
  /** The lock ends by itself this long after its holder last extended it (a holder that died). */
  ttlMs?: number;
  /** Give up (error code ELOCKED) after waiting this long for another holder. */
  timeoutMs?: number;
};

/** How long a lock waits for a connection still being made (a server or script that just started). */
const CONNECTING_WAIT_MS = 2000;

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const EXTEND = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Redis key of the lock called `name`. */
export function lockKey(name: string): string {
  return `${KEY_PREFIX}lock:${name}`;
}

/**
 * Waits for the lock called `name` and returns its release. Throws {@link StoreUnavailableError} at once when Redis
 * cannot be reached, and an error with code ELOCKED when another holder keeps it past `timeoutMs`.
 */
export async function acquireRedisLock(redis: RedisConnection, name: string, options: RedisLockOptions = {}): Promise<() => Promise<void>> {
  const ttlMs = options.ttlMs ?? 10_000;
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const key = lockKey(name);
  const token = randomUUID();
  await whenReady(redis, CONNECTING_WAIT_MS);
  for (;;) {
    let taken: string | null;
    try {
      taken = await redis.client.set(key, token, { condition: "NX", expiration: { type: "PX", value: ttlMs } });
    } catch (error) {
      throw new StoreUnavailableError(`Could not lock ${name}`, error);
    }
    if (taken === "OK") break;
    if (Date.now() > deadline) throw Object.assign(new Error(`${name} is locked by another writer; try again`), { code: "ELOCKED" });
    await sleep(20 + Math.random() * 30);
  }
  // A long hold (a slow disk, a busy machine) keeps its lock alive so nobody judges its holder dead.
  const extend = setInterval(() => {
    redis.client.eval(EXTEND, { keys: [key], arguments: [token, String(ttlMs)] }).catch((error: unknown) => logRedisProblem(`extending the lock on ${name}`, error));
  }, Math.max(200, ttlMs / 3));
  extend.unref();
  return async () => {
    clearInterval(extend);
    // If Redis is away now, the lock ends by itself after ttlMs; the write it guarded is already done.
    await redis.client.eval(RELEASE, { keys: [key], arguments: [token] }).catch((error: unknown) => logRedisProblem(`releasing the lock on ${name}`, error));
  };
}
