import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { invalidateContentIndex } from "@/lib/content";
import { recentChanges } from "./audit";
import { getFeaturedOrder, moveFeatured } from "./featured-order";

let root: string;
const post = (slug: string, date: string, extra = "") => `---\ntitle: ${slug.toUpperCase()}\ndate: ${date}\nfeatured: true\n${extra}---\n\nBody of ${slug}.\n`;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "folio-order-"));
  await mkdir(path.join(root, "content", "posts"), { recursive: true });
  const files: Record<string, string> = {
    "a.md": post("a", "2025-01-03"),
    "b.md": post("b", "2025-01-02"),
    "c.md": post("c", "2025-01-01", "# c is the oldest\n"),
    "d.md": "---\ntitle: D\ndate: 2025-01-04\n---\nNot featured.\n",
  };
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(root, "content", "posts", name), text);
  vi.stubEnv("CONTENT_DIR", path.join(root, "content"));
  vi.stubEnv("DATA_DIR", path.join(root, "data"));
  invalidateContentIndex();
});

afterEach(async () => {
  vi.unstubAllEnvs();
  invalidateContentIndex();
  await rm(root, { recursive: true, force: true });
});

const order = async () => (await getFeaturedOrder()).map((e) => e.slug);
const text = (name: string) => readFile(path.join(root, "content", "posts", name), "utf8");

describe("the Featured order", () => {
  it("starts newest first, and a move numbers the region with weights, one added line per post", async () => {
    expect(await order()).toEqual(["a", "b", "c"]);
    expect(await moveFeatured("c", "up", "m@example.com")).toEqual({ ok: true, changed: ["a", "c", "b"] });
    expect(await order()).toEqual(["a", "c", "b"]);
    expect(await text("a.md")).toBe(post("a", "2025-01-03", "weight: 1\n"));
    expect(await text("c.md")).toBe(post("c", "2025-01-01", "# c is the oldest\nweight: 2\n"));
    expect(await text("b.md")).toBe(post("b", "2025-01-02", "weight: 3\n"));
  });

  it("then swaps two weights in place, touching only those two files", async () => {
    await moveFeatured("c", "up", "m@example.com");
    const before = await text("a.md");
    expect(await moveFeatured("b", "up", "m@example.com")).toEqual({ ok: true, changed: ["b", "c"] });
    expect(await order()).toEqual(["a", "b", "c"]);
    expect(await text("a.md")).toBe(before);
    expect(await text("b.md")).toBe(post("b", "2025-01-02", "weight: 2\n"));
    const [latest] = await recentChanges();
    expect(latest).toMatchObject({ action: "order", slug: "c", fields: ["weight"], actor: "m@example.com" });
  });

  it("does nothing at the ends, and refuses a post that is not featured", async () => {
    expect(await moveFeatured("a", "up", "m@example.com")).toEqual({ ok: true, changed: [] });
    expect(await moveFeatured("d", "down", "m@example.com")).toMatchObject({ ok: false, status: 404 });
    expect(await recentChanges()).toEqual([]);
  });
});
