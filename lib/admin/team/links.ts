import "server-only";
import { checkLink, consumeLink, type LinkCheck, type LinkKind } from "@/lib/auth/one-time-links";
import { checkPasswordPolicy, createUser, removeUser, setPassword, UserChangeError } from "@/lib/auth/users";
import { recordTeamChange } from "./audit";
import type { TeamResult } from "./members";

// The pages behind invitation and reset links, which have no session: all they can do is what the link says.

const REASONS: Record<Exclude<LinkCheck, { ok: true }>["reason"], string> = {
  unknown: "This link is not valid. Check that it was copied whole, or ask an admin for a new one.",
  expired: "This link has expired (links work for 24 hours). Ask an admin for a new one.",
  used: "This link has already been used. Sign in, or ask an admin for a new link.",
};

/** What the page behind a link shows: whose account it is for, or why the link does not work. */
export async function describeLink(kind: LinkKind, token: string, now = Date.now()): Promise<{ ok: true; email: string; role?: string } | { ok: false; error: string }> {
  const found = await checkLink(kind, token, now);
  return found.ok ? { ok: true, email: found.link.email, ...(found.link.role ? { role: found.link.role } : {}) } : { ok: false, error: REASONS[found.reason] };
}

/** The new password's own problems (policy, the two fields differ), before the link is touched. */
function passwordProblem(password: string, confirm: string): string | null {
  try {
    checkPasswordPolicy(password);
  } catch (error) {
    return `${(error as Error).message}.`;
  }
  return password === confirm ? null : "The two passwords differ.";
}

/**
 * Accepts an invitation: the account is created with the invited role and the chosen password, and the link is
 * used up. Bad input (a weak password, an expired or used link) changes nothing.
 */
export async function acceptInvite(token: string, password: string, confirm: string, now = Date.now()): Promise<TeamResult> {
  const link = await checkLink("invite", token, now);
  if (!link.ok) return { ok: false, error: REASONS[link.reason] };
  const problem = passwordProblem(password, confirm);
  if (problem) return { ok: false, error: problem };
  const { email, role = "editor" } = link.link;
  try {
    await createUser(email, role, password);
  } catch (error) {
    if (error instanceof UserChangeError) return { ok: false, error: `${email} already has an account: sign in instead.` };
    throw error;
  }
  const used = await consumeLink("invite", token, now);
  if (!used.ok) {
    // The link ran out (or was used) while the password was being hashed: undo, so the link decides alone.
    await removeUser(email);
    return { ok: false, error: REASONS[used.reason] };
  }
  await recordTeamChange({ actor: email, action: "join", subject: email, detail: role, at: now });
  return { ok: true, message: `Your account is ready. Sign in as ${email}.` };
}

/** Sets a new password through a reset link; every session of the user ends. */
export async function completePasswordReset(token: string, password: string, confirm: string, now = Date.now()): Promise<TeamResult> {
  const link = await checkLink("reset", token, now);
  if (!link.ok) return { ok: false, error: REASONS[link.reason] };
  const problem = passwordProblem(password, confirm);
  if (problem) return { ok: false, error: problem };
  const used = await consumeLink("reset", token, now);
  if (!used.ok) return { ok: false, error: REASONS[used.reason] };
  const { email } = used.link;
  if (!(await setPassword(email, password))) return { ok: false, error: `The account ${email} no longer exists.` };
  await recordTeamChange({ actor: email, action: "password-reset", subject: email, at: now });
  return { ok: true, message: `Your password is set. Sign in as ${email}.` };
}
