import "server-only";
import { z } from "zod";
import { withFileLock, writeFileAtomic } from "@/lib/fs/atomic";
import { readJsonFile } from "@/lib/fs/json-file";
import { ensureDataDir, roleSchema, usersFile } from "./config";
import { isPasswordHash } from "./passwords";

// The storage half of users.ts, kept apart so sessions.ts can look users up without importing users.ts,
// which itself calls into sessions.ts to revoke sessions.

const emailSchema = z.email({ error: "not a valid email address" });

const userSchema = z.object({
  email: emailSchema.refine((e) => e === e.trim().toLowerCase(), "must be trimmed and lower-case"),
  role: roleSchema,
  passwordHash: z.string().refine(isPasswordHash, "not a recognised scrypt password hash"),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** When the user last completed a sign-in (absent until the first). */
  lastSignInAt: z.iso.datetime().optional(),
  /**
   * Sessions begun before this instant are dead (a password reset, an account made anew), even if a write from
   * another process brought one back into sessions.json.
   */
  sessionsValidAfter: z.iso.datetime().optional(),
});

const usersFileSchema = z
  .object({ version: z.literal(1), users: z.array(userSchema) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.users.forEach((user, index) => {
      if (seen.has(user.email)) ctx.addIssue({ code: "custom", path: ["users", index, "email"], message: "duplicate email" });
      seen.add(user.email);
    });
  });

/** One stored user, password hash included: only sign-in code should need the hash. */
export type UserRecord = z.infer<typeof userSchema>;
/** A user as shown in lists and admin screens. */
export type PublicUser = Omit<UserRecord, "passwordHash" | "sessionsValidAfter">;

/** Trims and lower-cases an email and checks its shape; throws an error naming the bad value. */
export function normalizeEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (!emailSchema.safeParse(email).success) throw new Error(`"${raw}" is not a valid email address`);
  return email;
}

function tryNormalizeEmail(raw: string): string | null {
  try {
    return normalizeEmail(raw);
  } catch {
    return null;
  }
}

/**
 * Reads and validates DATA_DIR/users.json. A missing file means no users yet; an unreadable or invalid one throws
 * an error naming the file and field, because treating it as empty would silently lock everybody out.
 */
export async function readUsers(): Promise<UserRecord[]> {
  const { users } = await readJsonFile(usersFile(), usersFileSchema, { missing: { version: 1, users: [] }, advice: "fix or restore it" });
  return users;
}

/**
 * Read-modify-write of the users file under its lock: `change` gets the current list and returns the new one
 * plus a result. The file is replaced atomically with mode 0600.
 */
export async function updateUsers<T>(change: (users: UserRecord[]) => { users: UserRecord[]; result: T }): Promise<T> {
  await ensureDataDir();
  const file = usersFile();
  return withFileLock(file, async () => {
    const { users, result } = change(await readUsers());
    await writeFileAtomic(file, `${JSON.stringify({ version: 1, users }, null, 2)}\n`, { mode: 0o600 });
    return result;
  });
}

/** Drops the password hash before a user record leaves the auth code. */
export function toPublicUser({ passwordHash: _hash, sessionsValidAfter: _after, ...user }: UserRecord): PublicUser {
  return user;
}

/** Every user, without password hashes, sorted by email. */
export async function listUsers(): Promise<PublicUser[]> {
  const users = await readUsers();
  return users.map(toPublicUser).sort((a, b) => a.email.localeCompare(b.email));
}

/** The stored user for `email` (normalized first), or null; a malformed email is simply not found. */
export async function findUser(email: string): Promise<UserRecord | null> {
  const normalized = tryNormalizeEmail(email);
  if (!normalized) return null;
  return (await readUsers()).find((user) => user.email === normalized) ?? null;
}

/** Whether any user exists yet (for a "create the first admin" hint). */
export async function hasUsers(): Promise<boolean> {
  return (await readUsers()).length > 0;
}
