/** The tag-expiry store's interface: a shared backend (Redis) implements the same two calls. */
export interface TagStore {
  /** Marks each tag expired at `at` (ms since the epoch); a tag ending in "*" is a prefix of tags. */
  expire(tags: readonly string[], at?: number): Promise<void>;
  /** Whether any of `tags` was expired after `since` (ms since the epoch). */
  expiredSince(tags: readonly string[], since: number): Promise<boolean>;
}
export declare const IMPLICIT_TAG: "_N_T_";
export declare const RETAIN_MS: number;
export declare class MemoryTagStore implements TagStore {
  expire(tags: readonly string[], at?: number): Promise<void>;
  expiredSince(tags: readonly string[], since: number): Promise<boolean>;
  prune(before: number): void;
}
/** The Redis store that keeps what it could not write and writes it when the connection is back. */
export declare class ReplayingTagStore implements TagStore {
  constructor(inner: TagStore, connection: { onReady(listener: () => void): unknown });
  expire(tags: readonly string[], at?: number): Promise<void>;
  expiredSince(tags: readonly string[], since: number): Promise<boolean>;
  readonly pending: number;
}
export declare function tagStore(): TagStore;
export declare function setTagStore(store: TagStore): void;
export declare function pathTags(path: string): string[];
