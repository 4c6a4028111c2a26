import "server-only";
import { randomBytes } from "node:crypto";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, roleSchema, type Role } from "./config";
import { hashPassword } from "./passwords";
import { deleteSessionsFor } from "./sessions";
import { normalizeEmail, toPublicUser, updateUsers, type PublicUser } from "./user-store";

export { findUser, hasUsers, listUsers, normalizeEmail } from "./user-store";

/** Throws a message a person can act on when a new password is too short or absurdly long. */
export function checkPasswordPolicy(password: string): void {
  // Counted in code points, so an emoji is one character as the person typing it would expect.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new Error(`Password must be at least ${MIN_PASSWORD_LENGTH} characters (got ${length})`);
  }
  if (length > MAX_PASSWORD_LENGTH) throw new Error(`Password must be at most ${MAX_PASSWORD_LENGTH} characters`);
}

function parseRole(role: string): Role {
  const parsed = roleSchema.safeParse(role);
  if (!parsed.success) throw new Error(`Unknown role "${role}": expected one of ${roleSchema.options.join(", ")}`);
  return parsed.data;
}

/**
 * Creates a user or replaces an existing user's role and password. Setting a password signs the user out
 * everywhere: a reset must end sessions opened by whoever knew the old one.
 */
export async function upsertUser(email: string, role: Role | string, password: string): Promise<{ created: boolean; user: PublicUser }> {
  const normalized = normalizeEmail(email);
  const validRole = parseRole(role);
  checkPasswordPolicy(password);
  // Hash outside the lock: it takes ~0.4 s and other writers should not queue behind it.
  const passwordHash = await hashPassword(password);
  const outcome = await updateUsers((users) => {
    const now = new Date().toISOString();
    const existing = users.find((user) => user.email === normalized);
    // Every session older than this password is dead from now on, whatever sessions.json says.
    const user = { email: normalized, role: validRole, passwordHash, createdAt: existing?.createdAt ?? now, updatedAt: now, sessionsValidAfter: now };
    const next = existing ? users.map((candidate) => (candidate === existing ? user : candidate)) : [...users, user];
    return { users: next, result: { created: !existing, user: toPublicUser(user) } };
  });
  if (!outcome.created) await deleteSessionsFor(normalized);
  return outcome;
}

/**
 * Changes a user's role; false when there is no such user. Sessions stay open because every session lookup
 * re-reads the role, so the change applies from the user's next request.
 */
export async function setUserRole(email: string, role: Role | string): Promise<boolean> {
  const normalized = normalizeEmail(email);
  const validRole = parseRole(role);
  return updateUsers((users) => {
    const existing = users.find((user) => user.email === normalized);
    if (!existing) return { users, result: false };
    const updated = { ...existing, role: validRole, updatedAt: new Date().toISOString() };
    return { users: users.map((user) => (user === existing ? updated : user)), result: true };
  });
}

/**
 * Deletes a user and all their sessions; returns whether the user existed. Sessions are deleted as well as
 * rejected on lookup so that a new account later created with the same email cannot inherit them.
 */
export async function removeUser(email: string): Promise<boolean> {
  const normalized = normalizeEmail(email);
  const existed = await updateUsers((users) => {
    const remaining = users.filter((user) => user.email !== normalized);
    return { users: remaining, result: remaining.length !== users.length };
  });
  if (existed) await deleteSessionsFor(normalized);
  return existed;
}

/** Why a team change was refused, in words for the form that asked. */
export class UserChangeError extends Error {}

/**
 * Creates a user who does not exist yet (an accepted invitation); throws {@link UserChangeError} when the email
 * already has an account, so an invitation can never overwrite one.
 */
export async function createUser(email: string, role: Role | string, password: string): Promise<PublicUser> {
  const normalized = normalizeEmail(email);
  const validRole = parseRole(role);
  checkPasswordPolicy(password);
  const passwordHash = await hashPassword(password);
  return updateUsers((users) => {
    if (users.some((user) => user.email === normalized)) throw new UserChangeError(`${normalized} already has an account`);
    const now = new Date().toISOString();
    // An email that had an account before (removed, then invited again) must not find its old sessions alive.
    const user = { email: normalized, role: validRole, passwordHash, createdAt: now, updatedAt: now, sessionsValidAfter: now };
    return { users: [...users, user], result: toPublicUser(user) };
  });
}

/**
 * Gives an existing user a new password (checked against the policy) and ends every session of theirs; false when
 * there is no such user. With `password` null the old password simply stops working (an admin's reset: the user
 * sets a new one through the link).
 */
export async function setPassword(email: string, password: string | null): Promise<boolean> {
  const normalized = normalizeEmail(email);
  if (password !== null) checkPasswordPolicy(password);
  // A random 256-bit password nobody is told: the account keeps its record but cannot be signed into.
  const passwordHash = await hashPassword(password ?? randomBytes(32).toString("base64url"));
  const existed = await updateUsers((users) => {
    const existing = users.find((user) => user.email === normalized);
    if (!existing) return { users, result: false };
    const now = new Date().toISOString();
    // Every session older than this password is dead from now on, whatever sessions.json says.
    const updated = { ...existing, passwordHash, updatedAt: now, sessionsValidAfter: now };
    return { users: users.map((user) => (user === existing ? updated : user)), result: true };
  });
  if (existed) await deleteSessionsFor(normalized);
  return existed;
}

/** Notes a completed sign-in, for the users page's "last sign-in". */
export async function recordSignIn(email: string, now = Date.now()): Promise<void> {
  const normalized = normalizeEmail(email);
  await updateUsers((users) => ({
    users: users.map((user) => (user.email === normalized ? { ...user, lastSignInAt: new Date(now).toISOString() } : user)),
    result: undefined,
  }));
}
