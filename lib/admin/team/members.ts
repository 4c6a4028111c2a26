import "server-only";
import { roleSchema, ROLES, type Role } from "@/lib/auth/config";
import { issueLink, pendingLinks, revokeLinks, type OneTimeLink } from "@/lib/auth/one-time-links";
import { deleteSessionsFor, listSessionsOf } from "@/lib/auth/sessions";
import { emailsWithTwoFactor, removeTwoFactor, rolesRequiringTwoFactor, setRolesRequiringTwoFactor } from "@/lib/auth/two-factor";
import { findUser, listUsers, normalizeEmail, removeUser, setPassword, setUserRole } from "@/lib/auth/users";
import { recordTeamChange } from "./audit";

// What an admin does to other people's accounts, each step checked, done, then written to the audit log.

/** A result for a form: done (with a message, and a link to hand over when there is one), or why not. */
export type TeamResult = { ok: true; message: string; link?: string } | { ok: false; error: string };

/** One row of the users page. */
export type Member = {
  email: string;
  role: Role;
  createdAt: string;
  lastSignInAt: string | null;
  activeSessions: number;
  twoFactor: boolean;
};

/** Everyone with an account, their sessions and two-factor state; the pending invitations; the two-factor policy. */
export async function getTeam(now = Date.now()): Promise<{ members: Member[]; invites: OneTimeLink[]; requiredFor: Role[] }> {
  const [users, withTwoFactor, invites, requiredFor] = await Promise.all([
    listUsers(),
    emailsWithTwoFactor(),
    pendingLinks("invite", now),
    rolesRequiringTwoFactor(),
  ]);
  const sessions = await Promise.all(users.map((user) => listSessionsOf(user.email, now)));
  const members = users.map((user, index) => ({
    email: user.email,
    role: user.role,
    createdAt: user.createdAt,
    lastSignInAt: user.lastSignInAt ?? null,
    activeSessions: sessions[index]!.length,
    twoFactor: withTwoFactor.has(user.email),
  }));
  return { members, invites, requiredFor };
}

function parseEmail(raw: string): string | null {
  try {
    return normalizeEmail(raw);
  } catch {
    return null;
  }
}

function parseRole(raw: string): Role | null {
  const parsed = roleSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

const badRole = (raw: string) => `"${raw.slice(0, 40)}" is not a role: choose one of ${ROLES.join(", ")}.`;

/** An existing user's email, or an error naming what was asked for. */
async function existing(raw: string): Promise<{ ok: true; email: string; role: Role } | { ok: false; error: string }> {
  const email = parseEmail(raw);
  const user = email ? await findUser(email) : null;
  if (!email || !user) return { ok: false, error: `There is no user ${raw.trim().slice(0, 254) || "(empty)"}.` };
  return { ok: true, email, role: user.role };
}

async function adminCount(): Promise<number> {
  return (await listUsers()).filter((user) => user.role === "admin").length;
}

/** The path of a link, to be put after SITE_URL by the page that shows it. */
export const invitePath = (token: string) => `/admin/invite/${token}`;
export const resetPath = (token: string) => `/admin/reset/${token}`;

/** Invites `emailRaw` with `roleRaw`: a link valid 24 hours, shown once, where they choose a password. */
export async function inviteMember(actor: string, emailRaw: string, roleRaw: string, now = Date.now()): Promise<TeamResult> {
  const email = parseEmail(emailRaw);
  if (!email) return { ok: false, error: `"${emailRaw.slice(0, 254)}" is not a valid email address.` };
  const role = parseRole(roleRaw);
  if (!role) return { ok: false, error: badRole(roleRaw) };
  if (await findUser(email)) return { ok: false, error: `${email} already has an account.` };
  const { token } = await issueLink("invite", { email, role, createdBy: actor }, now);
  await recordTeamChange({ actor, action: "invite", subject: email, detail: role, at: now });
  return { ok: true, message: `Invitation for ${email} (${role}) created. Send them this link; it works once, for 24 hours, and is not shown again.`, link: invitePath(token) };
}

/** Cancels the pending invitation of `emailRaw`. */
export async function cancelInvite(actor: string, emailRaw: string): Promise<TeamResult> {
  const email = parseEmail(emailRaw);
  if (!email || (await revokeLinks("invite", email)) === 0) return { ok: false, error: `There is no pending invitation for ${emailRaw.slice(0, 254)}.` };
  await recordTeamChange({ actor, action: "invite-cancel", subject: email });
  return { ok: true, message: `Invitation for ${email} cancelled; its link no longer works.` };
}

/** Gives a user another role, from their next request on. The last admin cannot be demoted. */
export async function changeRole(actor: string, emailRaw: string, roleRaw: string): Promise<TeamResult> {
  const user = await existing(emailRaw);
  if (!user.ok) return user;
  const role = parseRole(roleRaw);
  if (!role) return { ok: false, error: badRole(roleRaw) };
  if (role === user.role) return { ok: false, error: `${user.email} is already ${role}.` };
  if (user.role === "admin" && (await adminCount()) <= 1) return { ok: false, error: `${user.email} is the only admin: make someone else admin first.` };
  await setUserRole(user.email, role);
  await recordTeamChange({ actor, action: "role", subject: user.email, detail: `${user.role} → ${role}` });
  return { ok: true, message: `${user.email} is now ${role}, from their next request.` };
}

/** Removes a user: account, sessions, links and two-factor state. Not oneself, and not the last admin. */
export async function removeMember(actor: string, emailRaw: string): Promise<TeamResult> {
  const user = await existing(emailRaw);
  if (!user.ok) return user;
  if (user.email === actor) return { ok: false, error: "You cannot remove your own account: ask another admin." };
  if (user.role === "admin" && (await adminCount()) <= 1) return { ok: false, error: `${user.email} is the only admin.` };
  await removeAccount(actor, user.email);
  return { ok: true, message: `${user.email} removed; their sessions have ended.` };
}

/**
 * Deletes an account with everything attached (sessions, pending links, two-factor state) and audits it; false
 * when there was none. No guards: the command line uses it as the way out when the admin pages cannot help.
 */
export async function removeAccount(actor: string, email: string): Promise<boolean> {
  const role = (await findUser(email))?.role;
  if (!(await removeUser(email))) return false; // ends every session too
  await Promise.all([revokeLinks(null, email), removeTwoFactor(email)]);
  await recordTeamChange({ actor, action: "remove", subject: email, ...(role ? { detail: role } : {}) });
  return true;
}

/**
 * Resets a user's password: the old one stops working, every session ends at once, and a link valid 24 hours
 * (shown once) lets them choose a new one. Not for one's own account, which has the account page.
 */
export async function resetMemberPassword(actor: string, emailRaw: string, now = Date.now()): Promise<TeamResult> {
  const user = await existing(emailRaw);
  if (!user.ok) return user;
  if (user.email === actor) return { ok: false, error: "Change your own password on your account page." };
  await setPassword(user.email, null);
  const { token } = await issueLink("reset", { email: user.email, createdBy: actor }, now);
  await recordTeamChange({ actor, action: "reset-link", subject: user.email, at: now });
  return { ok: true, message: `${user.email} is signed out everywhere and their old password no longer works. Send them this link to choose a new one; it works once, for 24 hours, and is not shown again.`, link: resetPath(token) };
}

/** Turns off a user's two-factor sign-in (a lost phone, no recovery codes) and ends their sessions. */
export async function resetMemberTwoFactor(actor: string, emailRaw: string): Promise<TeamResult> {
  const user = await existing(emailRaw);
  if (!user.ok) return user;
  if (!(await removeTwoFactor(user.email))) return { ok: false, error: `${user.email} does not use two-factor sign-in.` };
  await deleteSessionsFor(user.email);
  await recordTeamChange({ actor, action: "two-factor-reset", subject: user.email });
  return { ok: true, message: `Two-factor sign-in is off for ${user.email}, and their sessions have ended. If their role requires it, they set it up again at their next sign-in.` };
}

/** Sets which roles must use two-factor sign-in. */
export async function setTwoFactorPolicy(actor: string, rolesRaw: string[]): Promise<TeamResult> {
  const roles = rolesRaw.map(parseRole);
  const bad = rolesRaw.find((_, index) => roles[index] === null);
  if (bad !== undefined) return { ok: false, error: badRole(bad) };
  const wanted = roles.filter((role): role is Role => role !== null);
  await setRolesRequiringTwoFactor(wanted);
  await recordTeamChange({ actor, action: "two-factor-policy", subject: "", detail: wanted.join(", ") || "none" });
  return { ok: true, message: wanted.length ? `Two-factor sign-in is now required for: ${wanted.join(", ")}.` : "Two-factor sign-in is now optional for every role." };
}
