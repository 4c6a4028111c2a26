import "server-only";
import { z } from "zod";
import { withFileLock, writeFileAtomic } from "@/lib/fs/atomic";
import { readJsonFile } from "@/lib/fs/json-file";
import { sharedRedis } from "@/lib/redis/connection.mjs";
import { noteDataDirFailure, noteDataDirSuccess } from "./data-dir-health";
import { ensureDataDir, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_TOUCH_INTERVAL_MS, sessionsFile, type Role } from "./config";
import { hashSessionId, isSessionId, newSessionId } from "./session-token";
import { redisSessionStore } from "./redis-sessions";
import { findUser, normalizeEmail } from "./user-store";

const storedSessionSchema = z.object({
  email: z.string().min(1),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
});
// Keyed by the SHA-256 of the session id; the id itself is only ever in the user's cookie.
const sessionsFileSchema = z.object({ version: z.literal(1), sessions: z.record(z.string(), storedSessionSchema) });

/** A session as stored, under the SHA-256 of its id. */
export type StoredSession = z.infer<typeof storedSessionSchema>;
type Sessions = Record<string, StoredSession>;

/** Where sessions are kept: DATA_DIR/sessions.json on one machine, Redis when REDIS_URL is set (redis-sessions.ts). */
export interface SessionStore {
  put(key: string, session: StoredSession, now: number): Promise<void>;
  get(key: string): Promise<StoredSession | undefined>;
  /** Records activity; a session deleted meanwhile stays deleted. */
  touch(key: string, now: number): Promise<void>;
  /** Whether it existed. */
  remove(key: string, now: number): Promise<boolean>;
  /** How many there were. */
  removeFor(email: string, now: number): Promise<number>;
  /** One user's sessions, each under its key (the users and account pages). */
  listFor(email: string): Promise<[key: string, session: StoredSession][]>;
}

/** Who a valid session belongs to; the role is read fresh from the users file on every lookup. */
export type Session = { email: string; role: Role };

async function readSessions(): Promise<Sessions> {
  const { sessions } = await readJsonFile(sessionsFile(), sessionsFileSchema, {
    missing: { version: 1, sessions: {} },
    advice: "delete it to sign everybody out",
  });
  return sessions;
}

function isExpired(session: StoredSession, now: number): boolean {
  return now - Date.parse(session.lastSeenAt) > SESSION_IDLE_MS || now - Date.parse(session.createdAt) > SESSION_ABSOLUTE_MS;
}

/** Read-modify-write under the file's lock; expired sessions are dropped on every write so the file stays small. */
async function updateSessions<T>(now: number, change: (sessions: Sessions) => T): Promise<T> {
  await ensureDataDir();
  const file = sessionsFile();
  return withFileLock(file, async () => {
    const sessions = await readSessions();
    for (const [key, session] of Object.entries(sessions)) if (isExpired(session, now)) delete sessions[key];
    const result = change(sessions);
    await writeFileAtomic(file, `${JSON.stringify({ version: 1, sessions }, null, 2)}\n`, { mode: 0o600 });
    return result;
  });
}

/**
 * Starts a session for an existing user and returns its id, to be signed into the cookie. Only the id's
 * SHA-256 is stored. Throws when the user does not exist.
 */
export async function createSession(email: string, now: number = Date.now()): Promise<string> {
  const normalized = normalizeEmail(email);
  if (!(await findUser(normalized))) throw new Error(`Cannot start a session: no user ${normalized}`);
  const id = newSessionId();
  const at = new Date(now).toISOString();
  await store().put(hashSessionId(id), { email: normalized, createdAt: at, lastSeenAt: at }, now);
  return id;
}

let lastTouchError = "";

/**
 * The user behind a session id, or null when the id is unknown, idle for more than 12 hours, older than 7 days,
 * begun before its user's `sessionsValidAfter` (a password reset), or its user has been removed. Records activity
 * at most once a minute, so most requests cost no write; recording it is best effort: a read-only or full DATA_DIR
 * leaves the session as it was (logged once), it never fails the page.
 */
export async function getSession(id: string, now: number = Date.now()): Promise<Session | null> {
  if (!isSessionId(id)) return null;
  const key = hashSessionId(id);
  const session = await store().get(key);
  if (!session || isExpired(session, now)) return null;
  const user = await findUser(session.email);
  if (!user) return null;
  if (user.sessionsValidAfter && Date.parse(session.createdAt) < Date.parse(user.sessionsValidAfter)) return null;
  if (now - Date.parse(session.lastSeenAt) >= SESSION_TOUCH_INTERVAL_MS) {
    // Only the sessions file says anything about DATA_DIR's health; Redis's is the admin's 503 (proxy.ts).
    const inUse = store();
    try {
      await inUse.touch(key, now);
      lastTouchError = "";
      if (inUse === fileStore) noteDataDirSuccess();
    } catch (error) {
      if (inUse === fileStore) noteDataDirFailure((error as { cause?: unknown }).cause ?? error);
      const message = (error as Error).message;
      if (message !== lastTouchError) console.error(`[folio] could not record session activity (the session still works): ${(lastTouchError = message)}`);
    }
  }
  return { email: user.email, role: user.role };
}

/** Ends one session (sign-out); returns whether it existed. */
export async function deleteSession(id: string, now: number = Date.now()): Promise<boolean> {
  if (!isSessionId(id)) return false;
  return store().remove(hashSessionId(id), now);
}

/**
 * Ends every session of one user; returns how many there were. users.ts calls it when a user is removed or
 * given a new password. A role change needs no call: {@link getSession} reads the role on every request.
 */
export async function deleteSessionsFor(email: string, now: number = Date.now()): Promise<number> {
  return store().removeFor(normalizeEmail(email), now);
}

/** One machine: DATA_DIR/sessions.json, read-modify-write under its lock. */
const fileStore: SessionStore = {
  async put(key, session, now) {
    await updateSessions(now, (sessions) => {
      sessions[key] = session;
    });
  },
  async get(key) {
    return (await readSessions())[key];
  },
  async touch(key, now) {
    await updateSessions(now, (sessions) => {
      const current = sessions[key];
      if (current) current.lastSeenAt = new Date(Math.max(now, Date.parse(current.lastSeenAt))).toISOString();
    });
  },
  remove(key, now) {
    return updateSessions(now, (sessions) => {
      const existed = key in sessions;
      delete sessions[key];
      return existed;
    });
  },
  removeFor(email, now) {
    return updateSessions(now, (sessions) => {
      let count = 0;
      for (const [key, session] of Object.entries(sessions)) {
        if (session.email !== email) continue;
        delete sessions[key];
        count += 1;
      }
      return count;
    });
  },
  async listFor(email) {
    return Object.entries(await readSessions()).filter(([, session]) => session.email === email);
  },
};

/** The store in use: Redis when REDIS_URL is set (every instance sees every session), else the sessions file. */
function store(): SessionStore {
  const redis = sharedRedis();
  return redis ? redisSessionStore(redis, storedSessionSchema) : fileStore;
}

/** A session as its owner sees it on the account page; `handle` names it in forms without revealing its id. */
export type SessionSummary = { handle: string; email: string; createdAt: string; lastSeenAt: string };

// The first 16 characters of the stored key (itself a SHA-256 of the id): enough to tell a user's sessions apart,
// useless as a cookie.
const handleOf = (key: string) => key.slice(0, 16);

/** One user's live sessions, newest sign-in first (the users page counts them, the account page lists them). */
export async function listSessionsOf(email: string, now: number = Date.now()): Promise<SessionSummary[]> {
  return (await store().listFor(normalizeEmail(email)))
    .filter(([, session]) => !isExpired(session, now))
    .map(([key, { email, createdAt, lastSeenAt }]) => ({ handle: handleOf(key), email, createdAt, lastSeenAt }))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The handle of the session behind a session id (to mark "this browser" in a list). */
export function sessionHandle(id: string): string {
  return handleOf(hashSessionId(id));
}

/** Ends the session of `email` with `handle`; false when that user has no such session. */
export async function deleteSessionByHandle(email: string, handle: string, now: number = Date.now()): Promise<boolean> {
  const found = (await store().listFor(normalizeEmail(email))).find(([key]) => handleOf(key) === handle);
  return found ? store().remove(found[0], now) : false;
}
