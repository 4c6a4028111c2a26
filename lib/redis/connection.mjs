// Folio's one Redis connection per process (REDIS_URL), shared by the Next.js cache handler (loaded by Next.js with a
// bare import(), outside its bundles: hence plain JavaScript) and by the app's own code (sessions, the sign-in
// throttle, write locks, change announcements), through globalThis.
//
// Redis is never allowed to hang or crash a request:
// - `disableOfflineQueue`: while the connection is down, a command fails at once instead of queueing until Redis
//   returns; each command also has its own timeout.
// - The connection is made in the background and remade forever with a capped backoff (our own strategy: the
//   client's default gives up on a socket timeout); nobody awaits it on a request.
// - An 'error' listener on every connection (an EventEmitter 'error' without one ends the process), and errors are
//   logged at most once per LOG_EVERY_MS, with a count of the ones not shown.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { createClient, RESP_TYPES } from "@redis/client";
import { REDIS_SLOT as SLOT, redisWanted } from "./status.mjs";

export { redisUnavailable, redisWanted } from "./status.mjs";

/** Every key Folio writes starts with this, so one Redis can serve other things too. */
export const KEY_PREFIX = "folio:";

/** A command that takes longer than this fails (a cache read is then a miss; an admin write answers 503). */
export const COMMAND_TIMEOUT_MS = 1000;
const CONNECT_TIMEOUT_MS = 1000;
const LOG_EVERY_MS = 10_000;

/** Reconnects after 100 ms, 200 ms, … up to 2 s between tries, with jitter so several instances do not stampede. */
export function reconnectDelay(retries) {
  return Math.round(Math.min(100 * 2 ** Math.min(retries, 10), 2000) * (0.75 + Math.random() / 2));
}

const LOG_SLOT = Symbol.for("folio.redis.log");

/** Logs a Redis problem, at most one line per 10 s per process (the rest are counted into the next line). */
export function logRedisProblem(what, error) {
  const state = (globalThis[LOG_SLOT] ??= { at: 0, skipped: 0 });
  const now = Date.now();
  if (now - state.at < LOG_EVERY_MS) {
    state.skipped += 1;
    return;
  }
  const skipped = state.skipped ? ` (${state.skipped} more since the last message)` : "";
  state.at = now;
  state.skipped = 0;
  console.error(`[folio] redis: ${what}: ${error?.message ?? error}${skipped}`);
}

/**
 * Connects to `url` in the background. The returned handle is usable at once: commands fail fast until the
 * connection is ready.
 * - `client`: commands with string replies; `blobs`: the same connection answering bulk strings as Buffers.
 * - `ready`: whether commands can be sent now; `onReady(fn)`: runs `fn` each time the connection becomes ready
 *   (again), e.g. to replay what could not be written while it was down.
 * - `subscribe(channel, listener)`: a second connection (a subscribed connection can do nothing else) that
 *   subscribes once connected and again after every reconnect; `onReady` of its own.
 * - `close()`: ends both connections (tests, shutdown).
 */
export function connectRedis(url, options = {}) {
  const timeout = options.commandTimeoutMs ?? COMMAND_TIMEOUT_MS;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout },
    socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: reconnectDelay },
  });
  client.on("error", (error) => logRedisProblem("connection", error));
  const readyListeners = new Set();
  client.on("ready", () => {
    for (const listener of readyListeners) {
      try {
        listener();
      } catch (error) {
        logRedisProblem("after reconnecting", error);
      }
    }
  });
  void client.connect().catch((error) => logRedisProblem("connect", error));
  const blobs = client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  let subscriber;
  const subscriptions = [];

  return {
    client,
    blobs,
    get ready() {
      return client.isReady;
    },
    onReady(listener) {
      readyListeners.add(listener);
      return () => readyListeners.delete(listener);
    },
    /** @param {string} channel @param {(message: string) => void} listener @param {() => void} [onResubscribed] */
    subscribe(channel, listener, onResubscribed) {
      subscriptions.push({ channel, listener, onResubscribed });
      if (!subscriber) {
        subscriber = client.duplicate();
        subscriber.on("error", (error) => logRedisProblem("subscriber connection", error));
        let first = true;
        subscriber.on("ready", () => {
          // Messages sent while this connection was down are lost: whoever listens must catch up.
          if (!first) for (const entry of subscriptions) entry.onResubscribed?.();
          first = false;
        });
        // node-redis subscribes again by itself after a reconnect, but only channels it subscribed once connected.
        void subscriber
          .connect()
          .then(() => Promise.all(subscriptions.map((entry) => subscriber.subscribe(entry.channel, entry.listener))))
          .catch((error) => logRedisProblem("subscribe", error));
      } else if (subscriber.isReady) {
        void subscriber.subscribe(channel, listener).catch((error) => logRedisProblem("subscribe", error));
      }
    },
    async close() {
      await Promise.allSettled([client.close(), subscriber?.close()]);
    },
  };
}

/** The process's shared connection (made on first use), or null when Redis is not in use. */
export function sharedRedis() {
  if (!redisWanted()) return null;
  return (globalThis[SLOT] ??= connectRedis(process.env.REDIS_URL));
}

/** Ends the process's shared connection, if any (a command-line script, before it exits). */
export async function closeSharedRedis() {
  const connection = globalThis[SLOT];
  globalThis[SLOT] = undefined;
  await connection?.close();
}

/**
 * Resolves true once `connection` is ready, false after `ms` without (a process that just started is still
 * connecting; one whose Redis is away stays unready). Never longer than `ms`: not a wait for Redis to come back.
 */
export function whenReady(connection, ms) {
  if (connection.ready) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(connection.ready);
    }, ms);
    const stop = connection.onReady(() => {
      clearTimeout(timer);
      stop();
      resolve(true);
    });
  });
}

/** Replaces the process's shared connection (tests). */
export function setSharedRedis(connection) {
  globalThis[SLOT] = connection;
}

const ID_SLOT = Symbol.for("folio.process-id");

/** This instance's name (its audit log file): FOLIO_INSTANCE when set, else host name and port. */
export function instanceName() {
  const raw = process.env.FOLIO_INSTANCE || `${hostname()}-${process.env.PORT || "3000"}`;
  return raw.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 100) || "instance";
}

/** A random id for this process, to tell our own pub/sub messages from the other instances'. */
export function processId() {
  return (globalThis[ID_SLOT] ??= randomUUID());
}
