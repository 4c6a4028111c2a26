import "server-only";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { KEY_PREFIX, type RedisConnection } from "@/lib/redis/connection.mjs";
import { UNKNOWN_CLIENT } from "./client-key";
import { THROTTLE_CLIENT_MAX_FAILURES, THROTTLE_LOCKOUT_MS, THROTTLE_MAX_FAILURES, THROTTLE_MAX_LOCKOUT_MS, THROTTLE_WINDOW_MS } from "./config";
import type { Attempt, LoginThrottle, Outcome } from "./throttle";

/**
 * The sign-in throttle on Redis (REDIS_URL), with rate-limiter-flexible: the same rules as the in-memory throttle
 * (throttle.ts), counted once for every instance, so a guesser gains nothing by spreading attempts over them:
 * - per (account, client) pair: 10 failures in a 15-minute window lock the pair for 15 minutes, each further lockout
 *   within a day twice as long (up to a day); a success clears the pair's count. Never per account alone.
 * - per client (when its address is known): 100 failures across accounts, the same way.
 * An attempt counts as a failure from the moment it is allowed until it is settled, so concurrent guesses are limited
 * like consecutive ones. The windows are rate-limiter-flexible's fixed windows (from the first failure), where the
 * in-memory throttle slides; the limits are the same.
 *
 * While Redis cannot be reached, each limiter falls back to an in-memory one in this process (`insuranceLimiter`):
 * sign-in stays throttled, per instance.
 */

export type ThrottleRules = {
  maxFailures: number;
  clientMaxFailures: number;
  windowMs: number;
  lockoutMs: number;
  maxLockoutMs: number;
  /** How long a lockout is remembered for doubling the next one. */
  strikesMemoryMs: number;
};

export const DEFAULT_RULES: ThrottleRules = {
  maxFailures: THROTTLE_MAX_FAILURES,
  clientMaxFailures: THROTTLE_CLIENT_MAX_FAILURES,
  windowMs: THROTTLE_WINDOW_MS,
  lockoutMs: THROTTLE_LOCKOUT_MS,
  maxLockoutMs: THROTTLE_MAX_LOCKOUT_MS,
  strikesMemoryMs: 24 * 60 * 60 * 1000,
};

type Kind = "pair" | "client";
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export function createRedisThrottle(redis: RedisConnection, rules: ThrottleRules = DEFAULT_RULES, prefix = `${KEY_PREFIX}sign-in`): LoginThrottle {
  const limiter = (name: string, points: number, durationMs: number) =>
    new RateLimiterRedis({
      storeClient: redis.client,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      keyPrefix: `${prefix}:${name}`,
      points,
      duration: seconds(durationMs),
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${prefix}:${name}`, points, duration: seconds(durationMs) }),
    });
  const failures: Record<Kind, RateLimiterRedis> = {
    pair: limiter("pair", rules.maxFailures, rules.windowMs),
    client: limiter("client", rules.clientMaxFailures, rules.windowMs),
  };
  const limits: Record<Kind, number> = { pair: rules.maxFailures, client: rules.clientMaxFailures };
  // A lock is a one-point limiter that block() fills for the lockout; strikes count lockouts within a day.
  const locks = limiter("lock", 1, rules.maxLockoutMs);
  const strikes = limiter("strikes", 10_000, rules.strikesMemoryMs);

  /** Milliseconds until `key` may try again because it is locked out; 0 when it is not. */
  const lockedFor = async (key: string) => {
    const state = await locks.get(key);
    return state && state.consumedPoints > 1 ? state.msBeforeNext : 0;
  };

  /** Takes one point of `kind` for `key`: false when its window is full (with attempts still in flight). */
  const reserve = (kind: Kind, key: string) =>
    failures[kind].consume(key).then(
      () => true,
      (rejection: unknown) => {
        if (rejection instanceof RateLimiterRes) return false;
        throw rejection;
      },
    );

  const lockOut = async (kind: Kind, key: string) => {
    const strike = await strikes.consume(key).catch((state: unknown) => state as RateLimiterRes);
    const ms = Math.min(rules.maxLockoutMs, rules.lockoutMs * 2 ** Math.max(0, strike.consumedPoints - 1));
    await locks.block(key, seconds(ms));
    await failures[kind].delete(key); // the lock alone decides when trying may resume
  };

  return {
    async beginAttempt(email, clientKey) {
      const keys: Array<[Kind, string]> = [["pair", `${email.trim().toLowerCase()}|${clientKey}`]];
      // Without a real client address every visitor shares one key, and 100 guesses would lock out everyone.
      if (clientKey !== UNKNOWN_CLIENT) keys.push(["client", clientKey]);
      const locked = Math.max(...(await Promise.all(keys.map(([, key]) => lockedFor(key)))));
      if (locked > 0) return { allowed: false, retryAfterSeconds: seconds(locked) };
      const taken: Array<[Kind, string]> = [];
      for (const [kind, key] of keys) {
        if (await reserve(kind, key)) {
          taken.push([kind, key]);
          continue;
        }
        // Full only because of attempts still in flight: they settle within seconds (a failure that fills it locks).
        await Promise.all(taken.map(([k, key2]) => failures[k].reward(key2, 1)));
        return { allowed: false, retryAfterSeconds: 1 };
      }
      let settled = false;
      const settle = async (outcome: Outcome): Promise<void> => {
        if (settled) return;
        settled = true;
        for (const [kind, key] of keys) {
          if (outcome === "failure") {
            const state = await failures[kind].get(key);
            if (state && state.consumedPoints >= limits[kind]) await lockOut(kind, key);
          } else if (outcome === "success" && kind === "pair") {
            await failures.pair.delete(key);
          } else {
            // Unchecked (too busy to hash), or a success for the client-wide count: the reserved point goes back.
            await failures[kind].reward(key, 1);
          }
        }
      };
      return { allowed: true, settle } satisfies Attempt;
    },
  };
}
