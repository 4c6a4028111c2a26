import "server-only";
import type { Role } from "@/lib/auth/config";
import { createSession, deleteSessionByHandle, listSessionsOf, type SessionSummary } from "@/lib/auth/sessions";
import { confirmPassword } from "@/lib/auth/sign-in";
import { confirmEnrollment, removeTwoFactor, replaceRecoveryCodes, rolesRequiringTwoFactor, startEnrollment } from "@/lib/auth/two-factor";
import { checkPasswordPolicy, setPassword } from "@/lib/auth/users";
import { recordTeamChange } from "./audit";
import type { TeamResult } from "./members";

// What any signed-in user does to their own account.

/** A user's own live sessions, newest first. */
export async function ownSessions(email: string, now = Date.now()): Promise<SessionSummary[]> {
  return listSessionsOf(email, now);
}

const PASSWORD_REFUSED = {
  wrong: "Your current password is not right.",
  throttled: "Too many wrong passwords from here. Wait a while (15 minutes at first), then try again.",
  busy: "Too many sign-ins right now: nothing was changed. Try again in a moment.",
} as const;

/**
 * Changes one's own password: the current one is checked (through the sign-in throttle), the new one against the
 * policy. Every session ends, this one included, so a fresh session id is returned for the caller's cookie.
 */
export async function changeOwnPassword(
  email: string,
  input: { current: string; next: string; confirm: string },
  clientKey: string,
): Promise<(TeamResult & { ok: true; sessionId: string }) | (TeamResult & { ok: false })> {
  try {
    checkPasswordPolicy(input.next);
  } catch (error) {
    return { ok: false, error: `${(error as Error).message}.` };
  }
  if (input.next !== input.confirm) return { ok: false, error: "The two new passwords differ." };
  const check = await confirmPassword(email, input.current, clientKey);
  if (check !== "ok") return { ok: false, error: PASSWORD_REFUSED[check] };
  await setPassword(email, input.next);
  const sessionId = await createSession(email);
  await recordTeamChange({ actor: email, action: "password-change", subject: email });
  return { ok: true, message: "Password changed. Every other session of yours has ended.", sessionId };
}

/** Ends one of one's own sessions (another browser); the current one is ended with "Sign out". */
export async function endOwnSession(email: string, handle: string, currentHandle: string | null): Promise<TeamResult> {
  if (handle === currentHandle) return { ok: false, error: "That is this browser's session: use Sign out." };
  if (!/^[A-Za-z0-9_-]{16}$/.test(handle) || !(await deleteSessionByHandle(email, handle))) {
    return { ok: false, error: "That session has already ended." };
  }
  await recordTeamChange({ actor: email, action: "session-end", subject: email });
  return { ok: true, message: "Session ended: that browser is signed out." };
}

/** Starts (or restarts) setting up two-factor sign-in. */
export async function beginTwoFactorSetup(email: string, now = Date.now()): Promise<void> {
  await startEnrollment(email, now);
}

/** Finishes the set-up with a code from the app; returns the recovery codes, shown this once. */
export async function finishTwoFactorSetup(email: string, code: string, now = Date.now()): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; error: string }> {
  const done = await confirmEnrollment(email, code, now);
  if (!done.ok) {
    return {
      ok: false,
      error: done.error === "wrong-code" ? "That code is not right. Check the app shows Folio with your email, and type the six digits it shows now." : "The set-up has expired. Start again.",
    };
  }
  await recordTeamChange({ actor: email, action: "two-factor-enable", subject: email, at: now });
  return { ok: true, recoveryCodes: done.recoveryCodes };
}

/** Turns off one's own two-factor sign-in, with the current password, unless one's role requires it. */
export async function turnOffTwoFactor(email: string, role: Role, password: string, clientKey: string): Promise<TeamResult> {
  if ((await rolesRequiringTwoFactor()).includes(role)) return { ok: false, error: `Your role (${role}) requires two-factor sign-in, so it stays on.` };
  const check = await confirmPassword(email, password, clientKey);
  if (check !== "ok") return { ok: false, error: PASSWORD_REFUSED[check] };
  if (!(await removeTwoFactor(email))) return { ok: false, error: "Two-factor sign-in is already off." };
  await recordTeamChange({ actor: email, action: "two-factor-disable", subject: email });
  return { ok: true, message: "Two-factor sign-in is off." };
}

/** Ten new recovery codes, with the current password; the old ones stop working. */
export async function renewRecoveryCodes(email: string, password: string, clientKey: string): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; error: string }> {
  const check = await confirmPassword(email, password, clientKey);
  if (check !== "ok") return { ok: false, error: PASSWORD_REFUSED[check] };
  const codes = await replaceRecoveryCodes(email);
  if (!codes) return { ok: false, error: "Two-factor sign-in is off: there are no recovery codes to replace." };
  await recordTeamChange({ actor: email, action: "recovery-codes", subject: email });
  return { ok: true, recoveryCodes: codes };
}

/** Notes in the audit log that a recovery code was used to sign in. */
export async function noteRecoveryCodeUsed(email: string, left: number): Promise<void> {
  await recordTeamChange({ actor: email, action: "recovery-code-used", subject: email, detail: `${left} left` });
}
