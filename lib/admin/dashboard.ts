import "server-only";
import { formatIssue, getAllPostsForAdmin, postStatus, type PostStatus } from "@/lib/content";

export type RowStatus = PostStatus | "invalid";

/** One row of the admin's posts table: any file, valid or not. */
export type DashboardRow = {
  file: string;
  slug?: string;
  title: string;
  status: RowStatus;
  date?: string;
  publishedAt?: number;
  topics: string[];
  featured: boolean;
  errors: string[];
  warnings: string[];
};

export const STATUS_FILTERS = ["all", "published", "draft", "scheduled", "invalid"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** Every post file as a dashboard row (newest first, invalid files last), filtered by status and title. */
export async function getDashboardRows(status: StatusFilter = "all", query = "", now = Date.now()): Promise<DashboardRow[]> {
  const index = await getAllPostsForAdmin();
  const rows: DashboardRow[] = index.files.map((report) => {
    const errors = report.issues.filter((i) => i.severity === "error").map(formatIssue);
    const warnings = report.issues.filter((i) => i.severity === "warning").map(formatIssue);
    const post = report.post;
    if (!post) return { file: report.file, title: report.file, status: "invalid", topics: [], featured: false, errors, warnings };
    return { file: report.file, slug: post.slug, title: post.title, status: postStatus(post, now), date: post.date, publishedAt: post.publishedAt, topics: post.topics, featured: post.featured, errors, warnings };
  });
  const needle = query.trim().toLowerCase();
  return rows
    .filter((row) => status === "all" || row.status === status)
    .filter((row) => needle === "" || row.title.toLowerCase().includes(needle))
    .sort((a, b) => Number(a.status === "invalid") - Number(b.status === "invalid") || (b.publishedAt ?? 0) - (a.publishedAt ?? 0));
}
