import "server-only";
import type { Role } from "./config";
import { dummyVerify, verifyPassword } from "./passwords";
import { makePendingSignIn, passwordFingerprint, readPendingSignIn } from "./pending-sign-in";
import { getSessionSecret } from "./session-token";
import { createSession } from "./sessions";
import { beginAttempt, type LoginThrottle } from "./throttle";
import { hasTwoFactor, verifySecondFactor } from "./two-factor";
import { findUser, type UserRecord } from "./user-store";
import { recordSignIn } from "./users";

/** What a sign-in attempt came to. The two failures are worded apart only so the page can say "try later". */
export type SignInResult =
  | { ok: true; sessionId: string; email: string; role: Role }
  | { ok: false; error: "invalid-credentials" }
  | { ok: false; error: "throttled"; retryAfterSeconds: number }
  /** The password was right and the account has two-factor sign-in: `pending` goes to {@link signInSecondFactor}. */
  | { ok: false; error: "second-factor"; pending: string };

const processThrottle: LoginThrottle = { beginAttempt };

/**
 * Checks an email and password and, when they match, starts a session whose id the caller signs into a cookie.
 * In order: reserve a throttled attempt (before any slow work), verify (an unknown email costs the same time as
 * a known one), report the outcome to the throttle, create the session. Never says which of the two was wrong.
 */
export async function signIn(email: string, password: string, clientKey: string, throttle: LoginThrottle = processThrottle): Promise<SignInResult> {
  const attempt = await throttle.beginAttempt(email, clientKey);
  if (!attempt.allowed) return { ok: false, error: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  let user: UserRecord | null = null;
  let needsCode = false;
  try {
    const found = await findUser(email);
    const valid = found ? await verifyPassword(password, found.passwordHash) : await dummyVerify(password);
    user = valid ? found : null;
    needsCode = user !== null && (await hasTwoFactor(user.email));
  } finally {
    // Also on an exception, so a reserved attempt never stays in flight. With two-factor sign-in the password alone
    // is not a success: it must not wipe the count that wrong codes run up.
    await attempt.settle(user !== null && !needsCode);
  }
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
    await attempt.settle(user !== null);
  }
  if (!user) return { ok: false, error: "invalid-code" };
  return { ...(await startSession(user)), usedRecoveryCode };
}

/**
 * Re-checks a signed-in user's password before a sensitive change of their own (new password, two-factor off),
 * through the same throttle as sign-in, so a borrowed session cannot be used to guess it.
 */
export async function confirmPassword(email: string, password: string, clientKey: string, throttle: LoginThrottle = processThrottle): Promise<"ok" | "wrong" | "throttled"> {
  const attempt = await throttle.beginAttempt(email, clientKey);
  if (!attempt.allowed) return "throttled";
  let valid = false;
  try {
    const found = await findUser(email);
    valid = found ? await verifyPassword(password, found.passwordHash) : await dummyVerify(password);
  } finally {
    await attempt.settle(valid);
  }
  return valid ? "ok" : "wrong";
}
