import "server-only";
import { statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { formatIssue, getAllPostsForAdmin, postStatus, termSlug, type ContentIndex, type FileReport, type PostStatus } from "@/lib/content";

/** Where a file stands on the dashboard: the public rule's answer, or `invalid` when it does not parse. */
export type RowStatus = PostStatus | "expired" | "invalid";

/** One row of the admin's posts table: any file, valid or not. Only what the table shows, to keep the page small. */
export type DashboardRow = {
  file: string;
  slug?: string;
  title: string;
  status: RowStatus;
  date?: string;
  featured: boolean;
  errors: string[];
  warnings: string[];
};

/** The status filter's choices, in the order the dashboard lists them. */
export const STATUS_FILTERS = ["all", "published", "draft", "scheduled", "expired", "invalid", "featured"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** The sort orders: newest date first, title A to Z, most recently changed file first. */
export const SORTS = ["date", "title", "changed"] as const;
export type Sort = (typeof SORTS)[number];

/** Rows a page of the dashboard holds. */
export const ROWS_PER_PAGE = 50;

const text = (max: number) =>
  z
    .string()
    .optional()
    .catch(undefined)
    .transform((value) => (value ?? "").trim().slice(0, max));

/**
 * The dashboard's GET parameters (`status`, `q`, `topic`, `tag`, `sort`, `page`). Anything unknown or malformed
 * falls back to its default rather than failing: a hand-edited URL still shows the dashboard.
 */
export const dashboardQuerySchema = z.object({
  status: z.enum(STATUS_FILTERS).catch("all").default("all"),
  q: text(200),
  topic: text(100),
  tag: text(100),
  sort: z.enum(SORTS).catch("date").default("date"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

/** Reads the dashboard's query from Next's searchParams (a repeated parameter counts by its first value). */
export function parseDashboardQuery(params: Record<string, string | string[] | undefined>): DashboardQuery {
  const first = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  return dashboardQuerySchema.parse(first);
}

/** One page of the dashboard: its rows, how many match, how many pages, and the count of each status. */
export type DashboardPage = {
  rows: DashboardRow[];
  matching: number;
  page: number;
  pages: number;
  counts: Record<StatusFilter, number>;
};

type Entry = { row: DashboardRow; report: FileReport; publishedAt: number };

function toEntry(report: FileReport, now: number): Entry {
  const errors = report.issues.filter((i) => i.severity === "error").map(formatIssue);
  const warnings = report.issues.filter((i) => i.severity === "warning").map(formatIssue);
  const post = report.post;
  if (!post) return { report, publishedAt: Number.NEGATIVE_INFINITY, row: { file: report.file, title: report.file, status: "invalid", featured: false, errors, warnings } };
  const row: DashboardRow = { file: report.file, slug: post.slug, title: post.title, status: postStatus(post, now), date: post.date, featured: post.featured, errors, warnings };
  return { report, publishedAt: post.publishedAt, row };
}

function matchesText(entry: Entry, query: DashboardQuery): boolean {
  const post = entry.report.post;
  if (query.topic && !post?.topics.some((t) => termSlug(t) === termSlug(query.topic))) return false;
  if (query.tag && !post?.tags.some((t) => termSlug(t) === termSlug(query.tag))) return false;
  if (!query.q) return true;
  const needle = query.q.toLowerCase();
  return entry.row.title.toLowerCase().includes(needle) || (entry.row.slug ?? entry.row.file).includes(needle);
}

function matchesStatus(row: DashboardRow, status: StatusFilter): boolean {
  if (status === "all") return true;
  if (status === "featured") return row.featured;
  return row.status === status;
}

/** The file's modification time, for "last change"; a file gone since the index was read sorts last. */
function modifiedAt(dir: string, file: string): number {
  try {
    return statSync(path.join(dir, file)).mtimeMs;
  } catch {
    return 0;
  }
}

function sortEntries(entries: Entry[], sort: Sort, index: ContentIndex): Entry[] {
  if (sort === "title") return entries.sort((a, b) => a.row.title.localeCompare(b.row.title) || a.row.file.localeCompare(b.row.file));
  if (sort === "changed") {
    // Stat only on this sort: one stat per file costs milliseconds at 5,000 posts, and only when asked for.
    const changed = new Map(entries.map((e) => [e, modifiedAt(index.dir, e.row.file)]));
    return entries.sort((a, b) => changed.get(b)! - changed.get(a)! || a.row.file.localeCompare(b.row.file));
  }
  // Invalid files have no date: they sort after every post.
  return entries.sort((a, b) => b.publishedAt - a.publishedAt || a.row.file.localeCompare(b.row.file));
}

/**
 * One page of the dashboard for a query: every post file (drafts, scheduled, expired and invalid ones too) filtered
 * by the text, topic and tag, counted per status, then filtered by status, sorted and cut to ROWS_PER_PAGE. A page
 * past the last shows the last.
 */
export async function getDashboardPage(query: DashboardQuery, now = Date.now()): Promise<DashboardPage> {
  const index = await getAllPostsForAdmin();
  const entries = index.files.map((report) => toEntry(report, now)).filter((entry) => matchesText(entry, query));
  const counts = Object.fromEntries(STATUS_FILTERS.map((s) => [s, 0])) as Record<StatusFilter, number>;
  for (const { row } of entries) {
    counts.all += 1;
    if (row.status in counts) counts[row.status as StatusFilter] += 1;
    if (row.featured) counts.featured += 1;
  }
  const matching = sortEntries(
    entries.filter((entry) => matchesStatus(entry.row, query.status)),
    query.sort,
    index,
  );
  const pages = Math.max(1, Math.ceil(matching.length / ROWS_PER_PAGE));
  const page = Math.min(query.page, pages);
  const rows = matching.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE).map((entry) => entry.row);
  return { rows, matching: matching.length, page, pages, counts };
}

/** The dashboard URL for a query, with only the parameters that differ from their defaults. */
export function dashboardHref(query: DashboardQuery, change: Partial<DashboardQuery> = {}): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.status !== "all") params.set("status", next.status);
  if (next.q) params.set("q", next.q);
  if (next.topic) params.set("topic", next.topic);
  if (next.tag) params.set("tag", next.tag);
  if (next.sort !== "date") params.set("sort", next.sort);
  if (next.page > 1) params.set("page", String(next.page));
  const search = params.toString();
  return search ? `/admin?${search}` : "/admin";
}
