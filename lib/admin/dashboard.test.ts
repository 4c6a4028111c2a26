import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { invalidateContentIndex } from "@/lib/content";
import { ROWS_PER_PAGE, dashboardHref, getDashboardPage, parseDashboardQuery } from "./dashboard";

// 120 generated posts: every 10th a draft, every 15th scheduled in 2099, every 7th featured, two invalid files.
let root: string;
const NOW = Date.parse("2026-06-01T00:00:00Z");

function post(n: number): string {
  const day = String((n % 28) + 1).padStart(2, "0");
  const month = String((n % 12) + 1).padStart(2, "0");
  const year = n % 15 === 0 ? 2099 : 2020 + (n % 5);
  return [
    "---",
    `title: "Post number ${n}${n === 42 ? " about Pricing" : ""}"`,
    `date: ${year}-${month}-${day}T10:00:00+02:00`,
    `topics: [${n % 2 ? "strategy" : "sales"}]`,
    `tags: [${n % 3 ? "notes" : "Deep Dive"}]`,
    `draft: ${n % 10 === 0}`,
    `featured: ${n % 7 === 0}`,
    "---",
    "",
    `Body ${n}.`,
    "",
  ].join("\n");
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "folio-dashboard-"));
  const posts = path.join(root, "posts");
  await mkdir(posts, { recursive: true });
  for (let n = 1; n <= 120; n++) {
    const file = path.join(posts, `post-${n}.md`);
    await writeFile(file, post(n));
    // post-5 was changed last, post-6 before it; the rest long ago.
    const at = n === 5 ? NOW / 1000 : n === 6 ? NOW / 1000 - 60 : NOW / 1000 - 86_400 - n;
    await utimes(file, at, at);
  }
  await writeFile(path.join(posts, "broken.md"), "---\ntitle: Broken\ndate: not a date\n---\n");
  await writeFile(path.join(posts, "no-fence.md"), "just text\n");
  for (const name of ["broken.md", "no-fence.md"]) await utimes(path.join(posts, name), NOW / 1000 - 10 * 86_400, NOW / 1000 - 10 * 86_400);
  vi.stubEnv("CONTENT_DIR", root);
  invalidateContentIndex();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  invalidateContentIndex();
  await rm(root, { recursive: true, force: true });
});

const query = (params: Record<string, string> = {}) => parseDashboardQuery(params);

describe("parseDashboardQuery", () => {
  it("reads each GET parameter and falls back to defaults on anything malformed", () => {
    expect(query()).toEqual({ status: "all", q: "", topic: "", tag: "", sort: "date", page: 1 });
    expect(query({ status: "draft", q: "  pricing ", topic: "Sales", tag: "x", sort: "title", page: "3" })).toEqual({ status: "draft", q: "pricing", topic: "Sales", tag: "x", sort: "title", page: 3 });
    expect(query({ status: "deleted", sort: "random", page: "-2" })).toMatchObject({ status: "all", sort: "date", page: 1 });
    expect(query({ page: "1e9" }).page).toBe(1);
    expect(parseDashboardQuery({ status: ["draft", "published"] }).status).toBe("draft");
    expect(query({ q: "x".repeat(500) }).q).toHaveLength(200);
  });

  it("writes back only the parameters that differ from the defaults", () => {
    expect(dashboardHref(query())).toBe("/admin");
    expect(dashboardHref(query({ status: "draft", q: "a b" }), { page: 2 })).toBe("/admin?status=draft&q=a+b&page=2");
  });
});

describe("getDashboardPage", () => {
  it("pages 50 rows at a time, newest first, invalid files last, and counts every status", async () => {
    const first = await getDashboardPage(query(), NOW);
    expect(first.rows).toHaveLength(ROWS_PER_PAGE);
    expect(first).toMatchObject({ matching: 122, page: 1, pages: 3 });
    // Scheduled (2099) posts are newest; within them post-105 (2099-10-22) leads.
    expect(first.rows[0]).toMatchObject({ slug: "post-105", status: "scheduled" });
    // Counted by hand from the generator: 12 drafts (n % 10); 4 scheduled (n % 15, less 30/60/90/120, which are drafts);
    // 104 published (the other 120 - 12 - 4); 17 featured (n % 7).
    expect(first.counts).toEqual({ all: 122, published: 104, draft: 12, scheduled: 4, expired: 0, invalid: 2, featured: 17 });
    const last = await getDashboardPage(query({ page: "3" }), NOW);
    expect(last.rows).toHaveLength(22);
    expect(last.rows.slice(-2).map((r) => r.status)).toEqual(["invalid", "invalid"]);
    expect(last.rows.at(-1)!.errors.join(" ")).toMatch(/no-fence\.md|broken\.md/);
    // A page past the end shows the last one.
    expect((await getDashboardPage(query({ page: "99" }), NOW)).page).toBe(3);
  });

  it("filters by status, text over title and slug, topic and tag", async () => {
    const drafts = await getDashboardPage(query({ status: "draft" }), NOW);
    expect(drafts.rows.map((r) => r.slug).sort()).toEqual(["post-10", "post-100", "post-110", "post-120", "post-20", "post-30", "post-40", "post-50", "post-60", "post-70", "post-80", "post-90"]);
    expect((await getDashboardPage(query({ status: "featured" }), NOW)).rows.every((r) => r.featured)).toBe(true);
    expect((await getDashboardPage(query({ q: "pricing" }), NOW)).rows.map((r) => r.slug)).toEqual(["post-42"]);
    expect((await getDashboardPage(query({ q: "post-11" }), NOW)).rows.map((r) => r.slug).sort()).toEqual(["post-11", "post-110", "post-111", "post-112", "post-113", "post-114", "post-115", "post-116", "post-117", "post-118", "post-119"]);
    const deep = await getDashboardPage(query({ tag: "deep-dive", topic: "Sales" }), NOW);
    expect(deep.matching).toBe(20); // n % 6 === 0 for n in 1..120
    expect(deep.counts.all).toBe(20);
  });

  it("sorts by title and by the file's last change", async () => {
    const byTitle = await getDashboardPage(query({ sort: "title", q: "post number 1" }), NOW);
    // Numbers in titles sort as numbers: 1, 10, 11 … 19, then 100.
    expect(byTitle.rows.slice(0, 3).map((r) => r.title)).toEqual(["Post number 1", "Post number 10", "Post number 11"]);
    expect(byTitle.rows.slice(10, 12).map((r) => r.title)).toEqual(["Post number 19", "Post number 100"]);
    const byChange = await getDashboardPage(query({ sort: "changed" }), NOW);
    expect(byChange.rows.slice(0, 2).map((r) => r.slug)).toEqual(["post-5", "post-6"]);
  });
});
