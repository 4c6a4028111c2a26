/** The Redis backend of the cache handler; see redis-cache.mjs. Typed loosely: Next.js's value types are internal. */
import type { RedisConnection } from "../redis/connection.mjs";
import type { TagStore } from "./tag-store.mjs";

export declare function buildIdOf(serverDistDir: unknown): string;
export type StoredEntry = { value: any; lastModified: number; cacheControl?: unknown };
export declare class RedisCache {
  constructor(connection: RedisConnection, buildId: string, retainMs: number);
  entryKey(key: string): string;
  get(key: string, extraTags?: readonly string[]): Promise<StoredEntry | null>;
  set(key: string, entry: { value: unknown; cacheControl?: unknown }, options: { tags: readonly string[]; extraTags?: readonly string[]; ttlMs: number; graceMs: number }): Promise<boolean>;
  delete(key: string): Promise<void>;
}
export declare class RedisTagStore implements TagStore {
  constructor(connection: RedisConnection, retainMs: number);
  expire(tags: readonly string[], at?: number): Promise<void>;
  expiredSince(tags: readonly string[], since: number): Promise<boolean>;
}
