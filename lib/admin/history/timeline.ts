import "server-only";
import type { Post } from "@/lib/content";
import { postChanges, type AuditRecord } from "../audit";
import { freshIndex, openPost } from "../post-files";
import { listTrash, trashedHistory, type TrashEntry } from "../trash";
import { readBlob } from "./blobs";
import { compareVersions, type VersionChange } from "./compare";
import { noticeOutsideChanges } from "./outside";

/** One change in a post's history, with what it changed; `version` is the content it left (null: it deleted the file). */
export type HistoryEntry = {
  record: AuditRecord;
  anchor: string;
  /** null when a version it compares is no longer kept (retention) or was never kept (before the history existed). */
  change: VersionChange | null;
  version: string | null;
  /** Whether `version`'s bytes are kept, so it can be previewed and restored. */
  kept: boolean;
};

/** A post's history: the post (live, or in the trash), its changes newest first, and the version before the first. */
export type PostHistory = {
  slug: string;
  title: string;
  /** The post's file, relative to CONTENT_DIR (versions are parsed as this file). */
  file: string;
  /** Whether the post is a draft now (a writer may only see the history of drafts). */
  draft: boolean;
  /** The content on disk now; null for a post in the trash. */
  currentHash: string | null;
  trashed: TrashEntry | null;
  entries: HistoryEntry[];
  /** The version the oldest change replaced, when there was one. */
  original: { version: string; kept: boolean } | null;
};

/** The id of a change on its post's history page: where the dashboard's "Recent changes" link to. */
export function changeAnchor(record: Pick<AuditRecord, "at" | "hashAfter" | "hashBefore">): string {
  return `change-${Date.parse(record.at) || 0}-${(record.hashAfter ?? record.hashBefore ?? "none").slice(0, 12)}`;
}

/** The link from a change to its diff on the post's history page. */
export function changeHref(record: AuditRecord): string {
  return `/admin/posts/${encodeURIComponent(record.slug)}/history#${changeAnchor(record)}`;
}

/** How many changes the page shows, newest first (each costs a diff of two versions). */
export const HISTORY_PAGE_SIZE = 50;

/**
 * The history of the post `slug` (a live one, or else the most recently deleted one of that slug), after noting
 * any change made outside the admin since the last look. Null when there is no such post.
 */
export async function getPostHistory(slug: string): Promise<PostHistory | null> {
  const index = await freshIndex();
  await noticeOutsideChanges(index).catch((error: Error) => console.error(`[folio] history: ${error.message}`));
  const opened = await openPost(slug);
  let records: AuditRecord[];
  let trashed: TrashEntry | null = null;
  let post: Pick<Post, "title" | "draft"> & { file: string } = opened ? { ...opened.post, file: opened.relative } : { title: "", draft: false, file: "" };
  if (opened) {
    records = await postChanges({ file: opened.relative, slug }, HISTORY_PAGE_SIZE);
  } else {
    trashed = (await listTrash(500)).find((entry) => entry.slug === slug) ?? null;
    if (!trashed) return null;
    post = { title: trashed.title, draft: false, file: trashed.file };
    records = (await trashedHistory(trashed.id)).slice(0, HISTORY_PAGE_SIZE);
  }
  const current = opened ? { hash: opened.hash, bytes: opened.bytes } : null;
  const bytesOf = async (hash: string | null): Promise<Buffer | null | undefined> => {
    if (hash === null) return null; // no file: nothing to compare with, which is a version too
    if (hash === current?.hash) return current.bytes;
    return (await readBlob(hash)) ?? undefined; // undefined: not kept
  };
  const entries = await Promise.all(
    records.map(async (record): Promise<HistoryEntry> => {
      const [before, after] = await Promise.all([bytesOf(record.hashBefore), bytesOf(record.hashAfter)]);
      const change = before === undefined || after === undefined ? null : compareVersions(before, after);
      return { record, anchor: changeAnchor(record), change, version: record.hashAfter, kept: after !== undefined && after !== null };
    }),
  );
  const oldest = records.at(-1);
  const original = oldest?.hashBefore ? { version: oldest.hashBefore, kept: (await bytesOf(oldest.hashBefore)) !== undefined } : null;
  return { slug, title: post.title, file: post.file, draft: post.draft, currentHash: current?.hash ?? null, trashed, entries, original };
}

/** Whether `hash` is a version of this history (a change left it or replaced it), so it may be shown or restored. */
export function isVersionOf(history: PostHistory, hash: string): boolean {
  return hash === history.currentHash || history.entries.some((e) => e.record.hashAfter === hash || e.record.hashBefore === hash);
}
