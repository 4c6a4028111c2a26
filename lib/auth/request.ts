import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { env } from "@/lib/config/env";
import { can, type Permission } from "./config";
import { getSessionSecret, signSessionId, verifySignedSessionId } from "./session-token";
import { getSession, type Session } from "./sessions";
import { mustSetUpTwoFactor } from "./two-factor";

const PLAIN_COOKIE = "folio_session";
// The __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only and Path=/.
const HOST_COOKIE = "__Host-folio_session";

/** Whether this request reached us over HTTPS (directly, or through a proxy that says so), or the site is HTTPS. */
async function isHttps(): Promise<boolean> {
  const proto = (await headers()).get("x-forwarded-proto")?.split(",")[0]?.trim();
  return proto === "https" || env().siteUrl.startsWith("https://");
}

/** The session cookie's name and attributes for this request. */
export async function sessionCookie(): Promise<{ name: string; secure: boolean }> {
  const secure = await isHttps();
  return { name: secure ? HOST_COOKIE : PLAIN_COOKIE, secure };
}

/** Sets the signed session cookie: HttpOnly, SameSite=Lax, Path=/, Secure and __Host- over HTTPS. */
export async function setSessionCookie(sessionId: string): Promise<void> {
  const { name, secure } = await sessionCookie();
  const signed = signSessionId(sessionId, await getSessionSecret());
  (await cookies()).set(name, signed, { httpOnly: true, sameSite: "lax", path: "/", secure });
}

/** Removes the session cookie (both spellings, so a switch between HTTP and HTTPS leaves nothing behind). */
export async function clearSessionCookie(): Promise<void> {
  const jar = await cookies();
  jar.delete(PLAIN_COOKIE);
  jar.set(HOST_COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/", secure: true, maxAge: 0 });
}

// Holds the pending sign-in between the password and the code (lib/auth/pending-sign-in.ts), only for the login pages.
const PENDING_COOKIE = "folio_pending_sign_in";
const PENDING_PATH = "/admin/login";

/** Remembers, for five minutes, that this browser got the password right and owes a second-factor code. */
export async function setPendingSignInCookie(token: string): Promise<void> {
  const { secure } = await sessionCookie();
  (await cookies()).set(PENDING_COOKIE, token, { httpOnly: true, sameSite: "lax", path: PENDING_PATH, secure, maxAge: 300 });
}

/** The pending sign-in token of this request, if any (checked by lib/auth/sign-in.ts). */
export async function pendingSignInCookie(): Promise<string | null> {
  return (await cookies()).get(PENDING_COOKIE)?.value ?? null;
}

/** Forgets the pending sign-in (done, or given up). */
export async function clearPendingSignInCookie(): Promise<void> {
  (await cookies()).set(PENDING_COOKIE, "", { httpOnly: true, sameSite: "lax", path: PENDING_PATH, maxAge: 0 });
}

/** The session id from this request's cookie, when its signature is good; null otherwise. */
export async function currentSessionId(): Promise<string | null> {
  const { name } = await sessionCookie();
  const value = (await cookies()).get(name)?.value;
  if (!value) return null;
  try {
    return verifySignedSessionId(value, await getSessionSecret());
  } catch {
    return null; // no usable secret: nobody is signed in
  }
}

/** The signed-in user for this request, checked against the server-side session store; null when none. */
export async function currentSession(): Promise<Session | null> {
  const id = await currentSessionId();
  return id ? getSession(id) : null;
}

const UNDER_ADMIN = /^\/admin(?:[/?#]|$)/;

/** Where the sign-in page may send someone afterwards: only paths under /admin on this site. */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== "string" || raw.length > 500) return "/admin";
  if (!UNDER_ADMIN.test(raw) || /[\\\u0000-\u001f]/.test(raw)) return "/admin";
  const url = new URL(raw, "http://folio.invalid");
  // Checked again after the URL parser resolves dot segments: `/admin/..//evil.test` becomes `//evil.test`, which a
  // browser reads as another host.
  const path = `${url.pathname}${url.search}`;
  return url.origin === "http://folio.invalid" && UNDER_ADMIN.test(path) ? path : "/admin";
}

/** Where a user whose role requires two-factor sign-in, and who has not set it up, is sent first. */
export const TWO_FACTOR_SETUP_PATH = "/admin/account/two-factor";

/**
 * The door into a page every signed-in user may see (their own account): no session → sign-in. A user whose role
 * requires two-factor sign-in and who has none is sent to set it up, unless this is that page (`setup`).
 */
export async function requireSession(nextPath = "/admin", { setup = false } = {}): Promise<Session> {
  const session = await currentSession();
  if (!session) redirect(`/admin/login?next=${encodeURIComponent(safeNextPath(nextPath))}`);
  if (!setup && (await mustSetUpTwoFactor(session.email, session.role))) redirect(TWO_FACTOR_SETUP_PATH);
  return session;
}

/**
 * The only door into an admin page: no session → redirect to sign-in (coming back to `nextPath`); two-factor
 * sign-in required but not set up → its set-up page; a session without `permission` → the 403 page.
 */
export async function requireRole(permission: Permission, nextPath = "/admin"): Promise<Session> {
  const session = await requireSession(nextPath);
  if (!can(session.role, permission)) forbidden();
  return session;
}

export type Authorization = { ok: true; session: Session } | { ok: false; status: 401 | 403 | 503; error: string };

/**
 * The same check for server actions and route handlers, which answer with an error instead of a page. With
 * `permission` null any signed-in user passes (their own account); `setup` lets the two-factor set-up through. With
 * REDIS_URL set and Redis unreachable, the session cannot be checked: 503, and the action changes nothing.
 */
export async function authorize(permission: Permission | null, { setup = false } = {}): Promise<Authorization> {
  let session: Session | null;
  try {
    session = await currentSession();
  } catch (error) {
    if ((error as { code?: string }).code !== "EUNAVAILABLE") throw error;
    return { ok: false, status: 503, error: (error as Error).message };
  }
  if (!session) return { ok: false, status: 401, error: "Your session has ended. Sign in again." };
  if (!setup && (await mustSetUpTwoFactor(session.email, session.role))) {
    return { ok: false, status: 403, error: "Your role requires two-factor sign-in: set it up on your account page first." };
  }
  if (permission && !can(session.role, permission)) return { ok: false, status: 403, error: `Your role (${session.role}) may not do this.` };
  return { ok: true, session };
}
