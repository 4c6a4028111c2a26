import { describe, expect, it } from "vitest";
import type { HeadingIdStyle } from "@/lib/config/heading-ids";
import { renderBody } from "./body";
import { renderMarkdown } from "./pipeline";

// The ids Hugo 0.111.3 gave these headings with each markup.goldmark.parser.autoHeadingIDType (a probe site built
// with that Hugo; letsencrypt.org sets `blackfriday` to keep its old links working).
const BODY = [
  "## Supporting Let's Encrypt",
  "## Café été — x",
  "## snake_case name & more",
  "## Ünïcödé 日本語 ①",
  "## Supporting Let's Encrypt",
  "## `code` and *em* 2.0",
].join("\n\n");

const HUGO: Record<HeadingIdStyle, string[]> = {
  github: ["supporting-lets-encrypt", "café-été--x", "snake_case-name--more", "ünïcödé-日本語-", "supporting-lets-encrypt-1", "code-and-em-20"],
  "github-ascii": ["supporting-lets-encrypt", "cafe-ete--x", "snake_case-name--more", "unicode--", "supporting-lets-encrypt-1", "code-and-em-20"],
  blackfriday: ["supporting-let-s-encrypt", "café-été-x", "snake-case-name-more", "ünïcödé-日本語-①", "supporting-let-s-encrypt-1", "code-and-em-2-0"],
};

describe("heading ids by the site's autoHeadingIDType", () => {
  it.each(Object.entries(HUGO))("%s: as Hugo makes them", async (style, ids) => {
    const { html } = await renderMarkdown(BODY, { unsafeHtml: false, shortcodes: { refs: {}, params: {} }, headingIds: style as HeadingIdStyle });
    expect([...html.matchAll(/<h2 id="([^"]*)"/g)].map((m) => m[1])).toEqual(ids);
  });
});

describe("heading ids in MDX posts", () => {
  it("follow the site's style too", async () => {
    const task = { format: "mdx" as const, body: "## Supporting Let's Encrypt\n", unsafeHtml: false, refs: {}, params: {}, components: [] };
    expect((await renderBody({ ...task, headingIds: "blackfriday" })).headings.map((h) => h.id)).toEqual(["supporting-let-s-encrypt"]);
    expect((await renderBody(task)).headings.map((h) => h.id)).toEqual(["supporting-lets-encrypt"]);
  });
});
