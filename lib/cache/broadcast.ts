import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { KEY_PREFIX, logRedisProblem, processId, sharedRedis, type RedisConnection } from "@/lib/redis/connection.mjs";

/**
 * Content changes between instances, on Redis pub/sub: the instance that writes a post announces it at once, and
 * every instance drops its content index and catches up, instead of noticing on its own up to a second later (or,
 * on a network file system that delivers no change events, ten). Each listener acknowledges a message once it has
 * acted on it, so the writer can wait for everyone before it asks nginx for fresh copies (lib/cache/index.ts).
 * A message is lost for an instance that is disconnected when it is sent: on reconnecting, it catches up anyway.
 */

export const CHANGES_CHANNEL = `${KEY_PREFIX}content-changes`;
const ACK_TTL_MS = 60_000;
const MAX_PATHS = 10_000;

const messageSchema = z.object({ id: z.string().max(100), from: z.string().max(100), paths: z.array(z.string().max(2000)).max(MAX_PATHS) });

/** An announcement as sent: its id, and how many listening processes (this one included) received it. */
export type Announcement = { id: string; listeners: number };

const ackKey = (id: string) => `${KEY_PREFIX}ack:${id}`;

/**
 * Announces that `paths` changed; null when there is no Redis or it cannot be reached (logged). `from` names the
 * sending process (tests stand for two instances in one process).
 */
export async function announceChange(paths: readonly string[], redis: RedisConnection | null = sharedRedis(), from: string = processId()): Promise<Announcement | null> {
  if (!redis) return null;
  const id = randomUUID();
  try {
    const listeners = await redis.client.publish(CHANGES_CHANNEL, JSON.stringify({ id, from, paths: paths.slice(0, MAX_PATHS) }));
    return { id, listeners: Number(listeners) };
  } catch (error) {
    logRedisProblem("announcing a content change", error);
    return null;
  }
}

/** Waits until every listener of `announcement` has acted on it, or `ms` has passed; resolves to how many had. */
export async function waitForAcknowledgements(announcement: Announcement, ms: number, redis: RedisConnection | null = sharedRedis()): Promise<number> {
  if (!redis || announcement.listeners === 0) return 0;
  const deadline = Date.now() + ms;
  let seen = 0;
  for (;;) {
    seen = Number((await redis.client.get(ackKey(announcement.id)).catch(() => null)) ?? 0);
    if (seen >= announcement.listeners || Date.now() >= deadline) return seen;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Calls `onChange(paths)` for each change another instance announces (this process's own are only acknowledged),
 * and `onMissed()` after a reconnect, when announcements may have been lost. Returns false when there is no Redis.
 * `self` names this process, as announceChange's `from` does.
 */
export function listenForChanges(
  onChange: (paths: string[]) => Promise<unknown> | unknown,
  onMissed: () => unknown,
  redis: RedisConnection | null = sharedRedis(),
  self: string = processId(),
): boolean {
  if (!redis) return false;
  redis.subscribe(
    CHANGES_CHANNEL,
    (raw) => {
      let message: z.infer<typeof messageSchema>;
      try {
        message = messageSchema.parse(JSON.parse(raw));
      } catch {
        logRedisProblem("a content-change message", new Error("not in Folio's format; ignored"));
        return;
      }
      void (async () => {
        try {
          if (message.from !== self) await onChange(message.paths);
        } catch (error) {
          logRedisProblem("acting on a content change", error);
        }
        await redis.client
          .multi()
          .incr(ackKey(message.id))
          .pExpire(ackKey(message.id), ACK_TTL_MS)
          .exec()
          .catch((error: unknown) => logRedisProblem("acknowledging a content change", error));
      })();
    },
    () => void Promise.resolve(onMissed()).catch((error: unknown) => logRedisProblem("catching up after a reconnect", error)),
  );
  return true;
}
