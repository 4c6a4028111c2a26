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

/** What the dashboard knows of one file, computed once per loaded index; the status is worked out per request. */
type Entry = { base: Omit<DashboardRow, "status">; report: FileReport; publishedAt: number; titleKey: string; slugKey: string };

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

function toEntry(report: FileReport): Entry {
  const errors = report.issues.filter((i) => i.severity === "error").map(formatIssue);
  const warnings = report.issues.filter((i) => i.severity === "warning").map(formatIssue);
  const post = report.post;
  const base = post
    ? { file: report.file, slug: post.slug, title: post.title, date: post.date, featured: post.featured, errors, warnings }
    : { file: report.file, title: report.file, featured: false, errors, warnings };
  return { base, report, publishedAt: post?.publishedAt ?? Number.NEGATIVE_INFINITY, titleKey: base.title.toLowerCase(), slugKey: post?.slug ?? report.file };
}

type Prepared = { byDate: Entry[]; byTitle?: Entry[] };
// Keyed by the loaded index, which the loader hands back unchanged while no file changed: thousands of rows are
// built and sorted once per change, not once per request.
const prepared = new WeakMap<ContentIndex, Prepared>();

function prepare(index: ContentIndex): Prepared {
  let ready = prepared.get(index);
  if (!ready) {
    // Invalid files have no date: they sort after every post.
    const byDate = index.files.map(toEntry).sort((a, b) => b.publishedAt - a.publishedAt || (a.base.file < b.base.file ? -1 : 1));
    ready = { byDate };
    prepared.set(index, ready);
  }
  return ready;
}

function sortedBy(index: ContentIndex, sort: Sort): Entry[] {
  const ready = prepare(index);
  if (sort === "title") return (ready.byTitle ??= [...ready.byDate].sort((a, b) => collator.compare(a.base.title, b.base.title) || (a.base.file < b.base.file ? -1 : 1)));
  if (sort === "changed") {
    // Stat only on this sort: one stat per file costs milliseconds at 5,000 posts, and only when asked for.
    const changed = new Map(ready.byDate.map((e) => [e, modifiedAt(index.dir, e.base.file)]));
    return [...ready.byDate].sort((a, b) => changed.get(b)! - changed.get(a)! || (a.base.file < b.base.file ? -1 : 1));
  }
  return ready.byDate;
}

function matchesText(entry: Entry, query: DashboardQuery, needle: string): boolean {
  const post = entry.report.post;
  if (query.topic && !post?.topics.some((t) => termSlug(t) === termSlug(query.topic))) return false;
  if (query.tag && !post?.tags.some((t) => termSlug(t) === termSlug(query.tag))) return false;
  return needle === "" || entry.titleKey.includes(needle) || entry.slugKey.includes(needle);
}

/** The file's modification time, for "last change"; a file gone since the index was read sorts last. */
function modifiedAt(dir: string, file: string): number {
  try {
    return statSync(path.join(/* turbopackIgnore: true */ dir, file)).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * One page of the dashboard for a query: every post file (drafts, scheduled, expired and invalid ones too) filtered
 * by the text, topic and tag, counted per status, then filtered by status, sorted and cut to ROWS_PER_PAGE. A page
 * past the last shows the last.
 */
export async function getDashboardPage(query: DashboardQuery, now = Date.now()): Promise<DashboardPage> {
  const index = await getAllPostsForAdmin();
  const needle = query.q.toLowerCase();
  const counts = Object.fromEntries(STATUS_FILTERS.map((s) => [s, 0])) as Record<StatusFilter, number>;
  // One pass counts and picks the matching files; row objects are made for the one page shown only.
  const matching: { entry: Entry; status: RowStatus }[] = [];
  for (const entry of sortedBy(index, query.sort)) {
    if (!matchesText(entry, query, needle)) continue;
    const post = entry.report.post;
    const status: RowStatus = post ? postStatus(post, now) : "invalid";
    counts.all += 1;
    if (status in counts) counts[status as StatusFilter] += 1;
    if (entry.base.featured) counts.featured += 1;
    if (query.status === "all" || (query.status === "featured" ? entry.base.featured : status === query.status)) matching.push({ entry, status });
  }
  const pages = Math.max(1, Math.ceil(matching.length / ROWS_PER_PAGE));
  const page = Math.min(query.page, pages);
  const rows = matching.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE).map(({ entry, status }) => ({ ...entry.base, status }));
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
