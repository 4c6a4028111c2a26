import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContentIndex } from "@/lib/content";
import { locatePost } from "./post-files";
import { siteFiles } from "@/tests/site-files";

// The desk edits a Hugo site's default language; its translations are edited in their files (docs/hugo.md).
const page = (title: string) => `---\ntitle: ${title}\ndate: 2025-01-01\ndescription: d\n---\n${title} body.\n`;

const site = (files: Record<string, string>) => siteFiles(files, "folio-desk-translations-");

describe("the desk and translations", () => {
  it("never finds a translation to edit: its slug locates nothing, the original's locates the original", async () => {
    const dir = site({
      "hugo.toml": '[languages.en]\ncontentDir = "content/en"\n[languages.fr]\ncontentDir = "content/fr"\n',
      "content/en/posts/a.md": page("A"),
      "content/fr/posts/a.md": page("A fr"),
    });
    const index = await loadContentIndex(dir);
    expect(await locatePost("fr-posts-a", index)).toBeNull();
    expect((await locatePost("a", index))?.relative).toBe("content/en/posts/a.md");
  });

});
