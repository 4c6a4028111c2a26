/** Folio's Redis connection; see connection.mjs. Typed by hand: the module is plain JavaScript for the cache handler. */
import type { RedisClientType } from "@redis/client";

export declare const KEY_PREFIX: "folio:";
export declare const COMMAND_TIMEOUT_MS: number;
export declare function reconnectDelay(retries: number): number;
export declare function logRedisProblem(what: string, error: unknown): void;

/** One process's connection to Redis (and, once asked for, a second one for subscriptions). */
export type RedisConnection = {
  /** Commands whose bulk-string replies are strings. */
  client: RedisClientType;
  /** The same connection, bulk-string replies as Buffers. */
  blobs: RedisClientType;
  readonly ready: boolean;
  onReady(listener: () => void): () => void;
  subscribe(channel: string, listener: (message: string) => void, onResubscribed?: () => void): void;
  close(): Promise<void>;
};

export declare function connectRedis(url: string, options?: { commandTimeoutMs?: number }): RedisConnection;
export declare function redisWanted(): boolean;
export declare function sharedRedis(): RedisConnection | null;
export declare function closeSharedRedis(): Promise<void>;
export declare function whenReady(connection: RedisConnection, ms: number): Promise<boolean>;
export declare function setSharedRedis(connection: RedisConnection | undefined): void;
export declare function redisUnavailable(): boolean;
export declare function instanceName(): string;
export declare function processId(): string;
