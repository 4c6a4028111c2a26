import "server-only";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { env } from "@/lib/config/env";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 12 * HOUR_MS;
/** A session ends this long after sign-in, however active. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * HOUR_MS;
/** `lastSeenAt` is rewritten at most this often, so a busy session does not cost a file write per request. */
export const SESSION_TOUCH_INTERVAL_MS = MINUTE_MS;
/** Failed sign-ins are counted over this sliding window. */
export const THROTTLE_WINDOW_MS = 15 * MINUTE_MS;
/** This many failures for one account from one client within the window lock that pair out. */
export const THROTTLE_MAX_FAILURES = 10;
/** This many failures from one client, across accounts, within the window lock that client out. */
export const THROTTLE_CLIENT_MAX_FAILURES = 100;
/** How long a first lockout lasts; each further one of the same key within a day lasts twice as long. */
export const THROTTLE_LOCKOUT_MS = 15 * MINUTE_MS;
/** The longest lockout. */
export const THROTTLE_MAX_LOCKOUT_MS = 24 * HOUR_MS;
/** Shortest password accepted, in characters (NIST SP 800-63B asks for at least 8; we ask for more). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password accepted, so a megabyte "password" cannot be used to burn CPU. */
export const MAX_PASSWORD_LENGTH = 1024;

/** Every role, least powerful first. */
export const ROLES = ["writer", "editor", "marketer", "admin"] as const;
/** Parses a role name; the error lists the valid ones. */
export const roleSchema = z.enum(ROLES);
/** A user's role. */
export type Role = z.infer<typeof roleSchema>;

/**
 * Something a signed-in user may be allowed to do:
 * - `dashboard`: see the list of posts;
 * - `preview`: see drafts and scheduled posts rendered as they will publish;
 * - `write`: create posts and edit drafts (never a post that is public or scheduled);
 * - `publish`: everything else about posts: publish, schedule, unpublish, edit any post, delete, restore;
 * - `feature`: set or clear Featured and order the Featured region;
 * - `manage-users`: add, change and remove users.
 */
export type Permission = "dashboard" | "preview" | "write" | "publish" | "feature" | "manage-users";

/** Every permission, for tests and for the roles table in the README. */
export const PERMISSIONS_LIST: readonly Permission[] = ["dashboard", "preview", "write", "publish", "feature", "manage-users"];

const PERMISSIONS: Record<Role, readonly Permission[]> = {
  // Ghost's contributor: drafts only; an editor or admin publishes them.
  writer: ["dashboard", "preview", "write"],
  editor: ["dashboard", "preview", "write", "publish"],
  marketer: ["dashboard", "feature"],
  admin: PERMISSIONS_LIST,
};

/** Whether `role` grants `permission`: the one table behind every role check. */
export function can(role: Role, permission: Permission): boolean {
  return PERMISSIONS[role].includes(permission);
}

/** The absolute DATA_DIR, read from the environment on each call so tests and scripts can point it elsewhere. */
export function dataDir(): string {
  return env().dataDir;
}

/** Where the user list lives. */
export function usersFile(): string {
  return path.join(/* turbopackIgnore: true */ dataDir(), "users.json");
}

/** Where server-side sessions live. */
export function sessionsFile(): string {
  return path.join(/* turbopackIgnore: true */ dataDir(), "sessions.json");
}

/** Where the session secret generated when SESSION_SECRET is unset is kept (mode 0600). */
export function sessionSecretFile(): string {
  return path.join(/* turbopackIgnore: true */ dataDir(), "session-secret");
}

/** Creates DATA_DIR (owner-only, as it holds password hashes and sessions) if missing; returns its path. */
export async function ensureDataDir(): Promise<string> {
  const dir = dataDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}
