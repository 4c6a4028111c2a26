import "server-only";
import { availableParallelism } from "node:os";
import { Bulkhead, BUSY } from "./bulkhead";
import type { Role } from "./config";
import { dummyVerify, verifyPassword } from "./passwords";
import { createSession } from "./sessions";
import { sharedRedis, type RedisConnection } from "@/lib/redis/connection.mjs";
import { createRedisThrottle } from "./redis-throttle";
import { beginAttempt, type LoginThrottle } from "./throttle";
import { findUser, type UserRecord } from "./user-store";

/** What a sign-in attempt came to. The failures are worded apart only so the page can say "try later". */
export type SignInResult =
  | { ok: true; sessionId: string; email: string; role: Role }
  | { ok: false; error: "invalid-credentials" }
  | { ok: false; error: "throttled"; retryAfterSeconds: number }
  | { ok: false; error: "busy" };

// One Redis throttle per connection, on globalThis like the in-memory one, so every server bundle shares its
// insurance limiter (the in-memory fallback while Redis is away).
const REDIS_THROTTLES_KEY = Symbol.for("folio.redis-login-throttles");
const redisThrottles: WeakMap<RedisConnection, LoginThrottle> = ((globalThis as Record<symbol, WeakMap<RedisConnection, LoginThrottle>>)[REDIS_THROTTLES_KEY] ??= new WeakMap());

/** The throttle in use: counted on Redis for every instance when REDIS_URL is set, else in this process. */
const processThrottle: LoginThrottle = {
  beginAttempt(email, clientKey) {
    const redis = sharedRedis();
    if (!redis) return beginAttempt(email, clientKey);
    let throttle = redisThrottles.get(redis);
    if (!throttle) redisThrottles.set(redis, (throttle = createRedisThrottle(redis)));
    return throttle.beginAttempt(email, clientKey);
  },
};

/**
 * Password hashes the server computes at once, and how many more may wait (10 s at most, so a few people signing
 * in together on a busy machine all get in): each is about a second of one core and 128 MiB, so a flood of sign-ins
 * costs at most one core (two on a big machine), and readers keep the rest, libuv's threads included. Beyond that
 * an attempt is answered "busy" at once, without hashing.
 */
const HASHING_KEY = Symbol.for("folio.password-bulkhead");
const hashing: Bulkhead = ((globalThis as Record<symbol, Bulkhead>)[HASHING_KEY] ??= new Bulkhead(Math.max(1, Math.min(2, availableParallelism() - 1)), 4, 10_000));

/**
 * Checks an email and password and, when they match, starts a session whose id the caller signs into a cookie.
 * In order: reserve a throttled attempt (before any slow work), wait for a hashing slot (or answer "busy"), verify
 * (an unknown email costs the same time as a known one), report the outcome to the throttle, create the session.
 * Never says which of the two was wrong.
 */
export async function signIn(email: string, password: string, clientKey: string, throttle: LoginThrottle = processThrottle, bulkhead: Bulkhead = hashing): Promise<SignInResult> {
  const attempt = await throttle.beginAttempt(email, clientKey);
  if (!attempt.allowed) return { ok: false, error: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  let outcome: "success" | "failure" | "unchecked" = "failure";
  let user: UserRecord | null = null;
  try {
    const found = await findUser(email);
    const valid = await bulkhead.run(() => (found ? verifyPassword(password, found.passwordHash) : dummyVerify(password)));
    if (valid === BUSY) outcome = "unchecked";
    else if (valid && found) {
      outcome = "success";
      user = found;
    }
  } finally {
    // Also on an exception, so a reserved attempt never stays in flight.
    await attempt.settle(outcome);
  }
  if (outcome === "unchecked") return { ok: false, error: "busy" };
  if (!user) return { ok: false, error: "invalid-credentials" };
  const sessionId = await createSession(user.email);
  return { ok: true, sessionId, email: user.email, role: user.role };
}
