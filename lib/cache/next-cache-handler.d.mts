/** Folio's Next.js cache handler; see next-cache-handler.mjs. Typed loosely: Next.js's own types are internal. */
export declare const RENDER_GRACE_MS: number;
export declare function isCacheable(value: unknown): boolean;
type Entry = { value: any; lastModified?: number; cacheControl?: unknown } | null;
export default class FolioCacheHandler {
  constructor(ctx: Record<string, unknown>);
  get(key: string, ctx: Record<string, unknown>): Promise<Entry>;
  set(key: string, data: unknown, ctx: Record<string, unknown>): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
  resetRequestCache(): void;
}
