// Whether Folio uses Redis here and whether it can be reached now, read from the process's shared connection
// (connection.mjs) without loading the Redis client: proxy.ts asks this on every admin request.

/** Where connection.mjs keeps the process's shared connection. */
export const REDIS_SLOT = Symbol.for("folio.redis");

/**
 * Whether REDIS_URL asks for Redis here: set, and not inside `next build` (which constructs the cache handler too,
 * and must never need Redis). lib/config/env.ts validates the value at start-up.
 */
export function redisWanted() {
  return Boolean(process.env.REDIS_URL) && process.env.NEXT_PHASE !== "phase-production-build";
}

/**
 * Whether Redis is in use but cannot be reached now: the admin then answers 503, since sessions, the sign-in
 * throttle and write locks live there. A process whose connection was never made counts as unreachable.
 */
export function redisUnavailable() {
  if (!redisWanted()) return false;
  const connection = globalThis[REDIS_SLOT];
  return !connection?.ready;
}
