import "server-only";
import type { z } from "zod";
import { KEY_PREFIX, whenReady, type RedisConnection } from "@/lib/redis/connection.mjs";
import { StoreUnavailableError } from "@/lib/redis/lock";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "./config";
import type { SessionStore, StoredSession } from "./sessions";

/**
 * Sessions on Redis (REDIS_URL): one key per session, `folio:session:<sha256 of the id>`, holding what sessions.json
 * would, with a time-to-live equal to what the session has left (idle or absolute), so Redis forgets it when it could
 * no longer be used; and one set per user (`folio:sessions-of:<email>`) to end all of a user's sessions at once. A
 * session made on one instance is found by every other; a sign-out on one ends it on all. Redis unreachable: a
 * {@link StoreUnavailableError} (the admin answers 503), never "not signed in".
 */

const sessionKey = (key: string) => `${KEY_PREFIX}session:${key}`;
const userKey = (email: string) => `${KEY_PREFIX}sessions-of:${email}`;
const CONNECTING_WAIT_MS = 2000;

/** The milliseconds a session has left: until it goes idle or reaches its absolute age, whichever comes first. */
export function sessionLifeLeft(session: StoredSession, now: number): number {
  return Math.min(SESSION_IDLE_MS - (now - Date.parse(session.lastSeenAt)), SESSION_ABSOLUTE_MS - (now - Date.parse(session.createdAt)));
}

export function redisSessionStore(redis: RedisConnection, schema: z.ZodType<StoredSession>): SessionStore {
  const { client } = redis;
  const run = async <T>(what: string, command: () => Promise<T>): Promise<T> => {
    await whenReady(redis, CONNECTING_WAIT_MS);
    try {
      return await command();
    } catch (error) {
      throw new StoreUnavailableError(what, error);
    }
  };
  const read = async (key: string): Promise<StoredSession | undefined> => {
    const raw = await client.get(sessionKey(key));
    if (raw === null) return undefined;
    // Parsed, never trusted: anything else under the key (an older format, a stranger's write) is no session.
    try {
      const parsed = schema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  };

  return {
    put: (key, session, now) =>
      run("Could not start the session", async () => {
        const ttl = Math.max(1, sessionLifeLeft(session, now));
        await client.multi().set(sessionKey(key), JSON.stringify(session), { expiration: { type: "PX", value: ttl } }).sAdd(userKey(session.email), key).pExpire(userKey(session.email), SESSION_ABSOLUTE_MS).exec();
      }),
    get: (key) => run("Could not read the session", () => read(key)),
    touch: (key, now) =>
      run("Could not record session activity", async () => {
        const current = await read(key);
        if (!current) return;
        const touched = { ...current, lastSeenAt: new Date(Math.max(now, Date.parse(current.lastSeenAt))).toISOString() };
        // XX: only while it still exists, so a sign-out in between is not undone.
        await client.set(sessionKey(key), JSON.stringify(touched), { condition: "XX", expiration: { type: "PX", value: Math.max(1, sessionLifeLeft(touched, now)) } });
      }),
    remove: (key) => run("Could not end the session", async () => (await client.del(sessionKey(key))) > 0),
    removeFor: (email) =>
      run("Could not end the user's sessions", async () => {
        const keys = await client.sMembers(userKey(email));
        const removed = keys.length > 0 ? await client.del(keys.map(sessionKey)) : 0;
        await client.del(userKey(email));
        return Number(removed);
      }),
    listFor: (email) =>
      run("Could not read the user's sessions", async () => {
        const keys = await client.sMembers(userKey(email));
        const sessions = await Promise.all(keys.map(async (key) => [key, await read(key)] as const));
        // A member whose key Redis has let expire is a session that ended.
        return sessions.flatMap(([key, session]) => (session && session.email === email ? [[key, session] as [string, StoredSession]] : []));
      }),
  };
}
