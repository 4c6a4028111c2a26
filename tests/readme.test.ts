import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The README is what a newcomer reads first: short, with the figures and the depths in docs/, and no dead links.
const root = path.join(__dirname, "..");
const pages = ["README.md", ...readdirSync(path.join(root, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)];

/** Every relative link target of a markdown page, as a repository path (anchors dropped). */
function relativeLinks(page: string): string[] {
  const text = readFileSync(path.join(root, page), "utf8");
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((href) => !/^[a-z]+:|^#/.test(href))
    .map((href) => path.posix.normalize(path.posix.join(path.posix.dirname(page), href.split("#")[0]!)));
}

describe("README and docs/", () => {
  it("keeps the README to what a newcomer needs (under 20 KB; depths and figures in docs/)", () => {
    expect(readFileSync(path.join(root, "README.md")).length).toBeLessThan(20 * 1024);
  });

  it("links only to files that exist", () => {
    const links = pages.flatMap((page) => relativeLinks(page).map((target) => ({ page, target })));
    expect(links.length).toBeGreaterThan(5);
    expect(links.filter(({ target }) => !existsSync(path.join(root, target)))).toEqual([]);
  });
});
