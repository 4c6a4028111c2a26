import { describe, expect, it } from "vitest";
import { parsePostFile } from "./parse";
import { MAX_SUMMARY_SOURCE, markdownText, postSummary } from "./summary";

function parse(front: string, body: string) {
  const { post, issues } = parsePostFile("posts/summary.md", Buffer.from(`---\ntitle: Summaries\ndate: 2025-10-01\n${front}---\n${body}`));
  if (!post) throw new Error(JSON.stringify(issues));
  return post;
}

const LEAD = "The lead paragraph.\n\n<!--more-->\n\nThe rest.\n";

describe("postSummary: what lists, feeds and meta descriptions say of a post", () => {
  it("is the description, else the front matter's summary, else the text before <!--more-->, else empty", () => {
    expect(postSummary(parse("description: The description.\nsummary: The summary.\n", LEAD))).toBe("The description.");
    expect(postSummary(parse("summary: The summary.\n", LEAD))).toBe("The summary.");
    expect(postSummary(parse("", "## The *lead* paragraph.\n\n<!--more-->\n\nThe rest.\n"))).toBe("The lead paragraph.");
    expect(postSummary(parse("", "No divider here.\n"))).toBe("");
  });

  it("reads the summary's markdown as plain text; a summary with no text in it gives way to the lead", () => {
    const markdown = 'summary: "A **bold** [linked](https://example.com/) `summary` <em>here</em> too."\n';
    expect(postSummary(parse(markdown, LEAD))).toBe("A bold linked summary here too.");
    expect(postSummary(parse('summary: "<br>"\n', LEAD))).toBe("The lead paragraph.");
  });

  it("reads at most MAX_SUMMARY_SOURCE characters of a lead, so a hostile one (a million unclosed `<`) costs little", () => {
    for (const unit of ["<", "[", "{{<", "```x\n"]) expect(markdownText(unit.repeat(1_000_000 / unit.length)).length).toBeLessThanOrEqual(MAX_SUMMARY_SOURCE);
    expect(markdownText(`${"word ".repeat(1999)}last`)).toMatch(/word last$/);
  });
});
