import "server-only";
import type { Role } from "./config";
import { dummyVerify, verifyPassword } from "./passwords";
import { createSession } from "./sessions";
import { beginAttempt, type LoginThrottle } from "./throttle";
import { findUser, type UserRecord } from "./user-store";

/** What a sign-in attempt came to. The two failures are worded apart only so the page can say "try later". */
export type SignInResult =
  | { ok: true; sessionId: string; email: string; role: Role }
  | { ok: false; error: "invalid-credentials" }
  | { ok: false; error: "throttled"; retryAfterSeconds: number };

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
  try {
    const found = await findUser(email);
    const valid = found ? await verifyPassword(password, found.passwordHash) : await dummyVerify(password);
    user = valid ? found : null;
  } finally {
    // Also on an exception, so a reserved attempt never stays in flight.
    await attempt.settle(user !== null);
  }
  if (!user) return { ok: false, error: "invalid-credentials" };
  const sessionId = await createSession(user.email);
  return { ok: true, sessionId, email: user.email, role: user.role };
}
