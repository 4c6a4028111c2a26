import { describe, expect, it } from "vitest";
import { formatReport } from "./report";
import type { ContentIssue } from "./parse";

const warn = (file: string, kind: string, message = "m"): ContentIssue => ({ file, field: "f", message, severity: "warning", kind });

describe("formatReport", () => {
  it("prints every error on its own line, then warning groups, then discovery, then the summary", () => {
    const issues: ContentIssue[] = [
      { file: "posts/a.md", line: 3, field: "draft", message: "bad", severity: "error" },
      ...["b", "c", "d", "e", "f"].map((f) => warn(`posts/${f}.md`, "unknown-field")),
      warn("posts/g.md", "mojibake"),
    ];
    const { lines, failed } = formatReport(
      { files: [...Array(6).fill({ file: "x", post: {} }), { file: "y" }], issues, discovery: { summary: "read 7 posts from content/post", leftOut: [{ file: "content/post/_index.md", reason: "a section's own page" }] } },
      { prefix: "site/" },
    );
    expect(failed).toBe(true);
    expect(lines.map((l) => `${l.stream} ${l.text}`)).toEqual([
      "err site/posts/a.md:3: draft: bad",
      "out warning: unknown fields (ignored): 5 in 5 files",
      "out   site/posts/b.md: f: m",
      "out   site/posts/c.md: f: m",
      "out   site/posts/d.md: f: m",
      "out   … and 2 more (--verbose lists them all)",
      "out warning: likely mis-decoded text (mojibake): 1 in 1 file",
      "out   site/posts/g.md: f: m",
      "out read 7 posts from content/post",
      "out left out: a section's own page: 1 file",
      "out   site/content/post/_index.md",
      "err content:check failed: 7 files, 6 valid, 1 errors, 6 warnings",
    ]);
  });

  it("lists every warning with verbose, and passes with warnings only", () => {
    const issues = ["b", "c", "d", "e"].map((f) => warn(`posts/${f}.md`, "no-description"));
    const { lines, failed } = formatReport({ files: [], issues }, { verbose: true });
    expect(failed).toBe(false);
    expect(lines.filter((l) => l.text.startsWith("  posts/"))).toHaveLength(4);
    expect(lines.at(-1)).toEqual({ stream: "out", text: "content:check ok: 0 files, 0 valid, 0 errors, 4 warnings" });
  });
});
