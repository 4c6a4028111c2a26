import "server-only";
import { availableParallelism } from "node:os";
import { Bulkhead, BUSY } from "./bulkhead";
import type { Role } from "./config";
import { dummyVerify, verifyPassword } from "./passwords";
import { makePendingSignIn, passwordFingerprint, readPendingSignIn } from "./pending-sign-in";
import { getSessionSecret } from "./session-token";
import { createSession } from "./sessions";
import { sharedRedis, type RedisConnection } from "@/lib/redis/connection.mjs";
import { createRedisThrottle } from "./redis-throttle";
import { beginAttempt, type LoginThrottle } from "./throttle";
import { hasTwoFactor, verifySecondFactor } from "./two-factor";
import { findUser, type UserRecord } from "./user-store";
import { recordSignIn } from "./users";

/** What a sign-in attempt came to. The failures are worded apart only so the page can say "try later". */
export type SignInResult =
  | { ok: true; sessionId: string; email: string; role: Role }
  | { ok: false; error: "invalid-credentials" }
  | { ok: false; error: "throttled"; retryAfterSeconds: number }
  | { ok: false; error: "busy" }
  /** The password was right and the account has two-factor sign-in: `pending` goes to {@link signInSecondFactor}. */
  | { ok: false; error: "second-factor"; pending: string };

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

type Outcome = "success" | "failure" | "unchecked";

/** Verifies `password` for `email` (an unknown email costs the same time) inside the hashing queue. */
async function checkPassword(email: string, password: string, bulkhead: Bulkhead): Promise<{ outcome: Outcome; user: UserRecord | null }> {
  const found = await findUser(email);
  const valid = await bulkhead.run(() => (found ? verifyPassword(password, found.passwordHash) : dummyVerify(password)));
  if (valid === BUSY) return { outcome: "unchecked", user: null };
  return valid && found ? { outcome: "success", user: found } : { outcome: "failure", user: null };
}

/**
 * Checks an email and password and, when they match, starts a session whose id the caller signs into a cookie.
 * In order: reserve a throttled attempt (before any slow work), wait for a hashing slot (or answer "busy"), verify
 * (an unknown email costs the same time as a known one), report the outcome to the throttle, create the session.
 * Never says which of the two was wrong.
 */
export async function signIn(email: string, password: string, clientKey: string, throttle: LoginThrottle = processThrottle, bulkhead: Bulkhead = hashing): Promise<SignInResult> {
  const attempt = await throttle.beginAttempt(email, clientKey);
  if (!attempt.allowed) return { ok: false, error: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  let checked: { outcome: Outcome; user: UserRecord | null } = { outcome: "failure", user: null };
  let needsCode = false;
  try {
    checked = await checkPassword(email, password, bulkhead);
    needsCode = checked.user !== null && (await hasTwoFactor(checked.user.email));
  } finally {
    // Also on an exception, so a reserved attempt never stays in flight. With two-factor sign-in the right password
    // alone is "unchecked": it neither counts nor wipes the count that wrong codes run up.
    await attempt.settle(needsCode ? "unchecked" : checked.outcome);
  }
  const { outcome, user } = checked;
  if (outcome === "unchecked") return { ok: false, error: "busy" };
  if (!user) return { ok: false, error: "invalid-credentials" };
  if (needsCode) return { ok: false, error: "second-factor", pending: makePendingSignIn(user.email, user.passwordHash, await getSessionSecret()) };
  return startSession(user);
}

async function startSession(user: UserRecord): Promise<SignInResult & { ok: true }> {
  const sessionId = await createSession(user.email);
  await recordSignIn(user.email);
  return { ok: true, sessionId, email: user.email, role: user.role };
}

/** What the code step came to; `usedRecoveryCode` tells the caller to audit it and how many codes are left. */
export type SecondFactorSignIn =
  | (SignInResult & { ok: true; usedRecoveryCode: { left: number } | null })
  | { ok: false; error: "expired" }
  | { ok: false; error: "invalid-code" }
  | { ok: false; error: "throttled"; retryAfterSeconds: number };

/**
 * The second step of a two-factor sign-in: `pending` from {@link signIn} and an authenticator or recovery code.
 * A wrong code counts in the throttle exactly like a wrong password (same account and client counters).
 */
export async function signInSecondFactor(pending: string, code: string, clientKey: string, throttle: LoginThrottle = processThrottle, now = Date.now()): Promise<SecondFactorSignIn> {
  const started = readPendingSignIn(pending, await getSessionSecret(), now);
  if (!started) return { ok: false, error: "expired" };
  const attempt = await throttle.beginAttempt(started.email, clientKey);
  if (!attempt.allowed) return { ok: false, error: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  let user: UserRecord | null = null;
  let usedRecoveryCode: { left: number } | null = null;
  try {
    const found = await findUser(started.email);
    // A password changed since the first step (a reset) ends this sign-in.
    if (found && passwordFingerprint(found.passwordHash) === started.fingerprint) {
      const proof = await verifySecondFactor(found.email, code, now);
      if (proof.ok) user = found;
      if (proof.ok && proof.method === "recovery-code") usedRecoveryCode = { left: proof.recoveryCodesLeft };
    }
  } finally {
    await attempt.settle(user !== null ? "success" : "failure");
  }
  if (!user) return { ok: false, error: "invalid-code" };
  return { ...(await startSession(user)), usedRecoveryCode };
}

/**
 * Re-checks a signed-in user's password before a sensitive change of their own (new password, two-factor off),
 * through the same throttle and hashing queue as sign-in, so a borrowed session cannot be used to guess it.
 */
export async function confirmPassword(email: string, password: string, clientKey: string, throttle: LoginThrottle = processThrottle, bulkhead: Bulkhead = hashing): Promise<"ok" | "wrong" | "throttled" | "busy"> {
  const attempt = await throttle.beginAttempt(email, clientKey);
  if (!attempt.allowed) return "throttled";
  let outcome: Outcome = "failure";
  try {
    outcome = (await checkPassword(email, password, bulkhead)).outcome;
  } finally {
    await attempt.settle(outcome);
  }
  return outcome === "success" ? "ok" : outcome === "unchecked" ? "busy" : "wrong";
}
