import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parsePostFile } from "./parse";
import { renderMarkdown, renderPost, type MdxComponents, type RenderedPost } from "./render";
import type { Post } from "./schema";

const SAMPLE = path.join(__dirname, "../../tests/fixtures/site/posts/how-to-win-a-partnership-meeting.md");

let counter = 0;
/** A valid post with this body; each gets its own hash so the render cache never mixes tests up. */
function makePost(body: string, format: "md" | "mdx" = "md"): Post {
  const { post } = parsePostFile(`posts/render-test.${format}`, Buffer.from(`---\ntitle: T\ndescription: d\ndate: 2025-10-01\n---\n${body}`));
  return { ...post!, hash: `render-test-${++counter}` };
}

function html(rendered: RenderedPost): string {
  return "html" in rendered ? rendered.html : renderToStaticMarkup(rendered.content);
}

describe("renderMarkdown: typography", () => {
  it("makes dashes, ellipses and curly quotes as Hugo's typographer does", async () => {
    const { html } = await renderMarkdown(`He said "hi" -- and --- then... it's done.`);
    expect(html).toBe("<p>He said “hi” – and — then… it’s done.</p>");
  });

  it("leaves inline code alone", async () => {
    const { html } = await renderMarkdown('Run `a -- b --- "c" ...` now.');
    expect(html).toBe('<p>Run <code>a -- b --- "c" ...</code> now.</p>');
  });

  it("leaves fenced code alone", async () => {
    const { html } = await renderMarkdown('```\n"x" -- y --- z... it\'s\n```');
    expect(html).toContain(`"x" -- y --- z... it's`);
    expect(html).not.toMatch(/[“”–—…’]/);
  });
});

describe("renderMarkdown: headings", () => {
  it("gives a heading an id and an anchor link, and lists it", async () => {
    const { html, headings } = await renderMarkdown("## Close with what's next\n\n### A detail\n\ntext");
    expect(headings).toEqual([
      { id: "close-with-whats-next", text: "Close with what’s next", depth: 2 },
      { id: "a-detail", text: "A detail", depth: 3 },
    ]);
    expect(html).toMatch(/^<h2 id="close-with-whats-next">Close with what’s next<a [^>]*href="#close-with-whats-next"[^>]*>/);
    expect(html).toMatch(/<a [^>]*class="heading-anchor"[^>]*href="#close-with-whats-next"/);
    expect(html).toContain('<h3 id="a-detail">A detail<a ');
  });

  it("makes repeated headings unique", async () => {
    const { headings } = await renderMarkdown("## Notes\n\n## Notes");
    expect(headings.map((h) => h.id)).toEqual(["notes", "notes-1"]);
  });

  it("lists the sample post's eight sections and renders its em dashes", async () => {
    const { post } = parsePostFile("posts/how-to-win-a-partnership-meeting.md", readFileSync(SAMPLE));
    const { html, headings } = await renderMarkdown(post!.body);
    expect(headings).toEqual([
      { id: "research-before-strategy", text: "Research before strategy", depth: 2 },
      { id: "tailor-the-pitch-to-their-reality", text: "Tailor the pitch to their reality", depth: 2 },
      { id: "know-your-ask", text: "Know your ask", depth: 2 },
      { id: "probe-for-objections-early", text: "Probe for objections early", depth: 2 },
      { id: "understand-their-decision-process", text: "Understand their decision process", depth: 2 },
      { id: "close-with-whats-next", text: "Close with what’s next", depth: 2 },
      { id: "the-day-after-send-the-recap", text: "The day after: send the recap", depth: 2 },
      { id: "why-this-matters", text: "Why this matters", depth: 2 },
    ]);
    expect(html).toContain("pitches—on both sides of the table");
    expect(html).toContain("Not just the company—the person.");
    expect(html).toContain("“If we decide to move forward, what’s the process?”");
    expect(html).not.toContain("â€");
  });
});

describe("renderMarkdown: GFM", () => {
  it("renders tables", async () => {
    const { html } = await renderMarkdown("| Stage | Deals |\n|:--|--:|\n| Qualified | 12 |");
    expect(html).toContain("<table>");
    expect(html).toContain('<th align="left">Stage</th>');
    expect(html).toContain('<th align="right">Deals</th>');
    expect(html).toContain('<td align="right">12</td>');
  });

  it("renders footnotes", async () => {
    const { html } = await renderMarkdown("A claim.[^1]\n\n[^1]: The source.");
    expect(html).toMatch(/<sup><a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref[^>]*>1<\/a><\/sup>/);
    expect(html).toContain('<section data-footnotes class="footnotes">');
    expect(html).toMatch(/<li id="user-content-fn-1">\s*<p>The source\. <a href="#user-content-fnref-1"/);
  });

  it("renders task lists and strikethrough", async () => {
    const { html } = await renderMarkdown("- [x] done\n- [ ] todo\n\n~~gone~~");
    expect(html).toContain('<li class="task-list-item"><input type="checkbox" checked disabled> done</li>');
    expect(html).toContain('<li class="task-list-item"><input type="checkbox" disabled> todo</li>');
    expect(html).toContain("<p><del>gone</del></p>");
  });

  it("renders autolinks", async () => {
    const { html } = await renderMarkdown("See https://example.com/a, www.example.org and someone@example.com.");
    expect(html).toBe(
      '<p>See <a href="https://example.com/a" rel="noopener noreferrer">https://example.com/a</a>, ' +
        '<a href="http://www.example.org" rel="noopener noreferrer">www.example.org</a> and ' +
        '<a href="mailto:someone@example.com">someone@example.com</a>.</p>',
    );
  });
});

describe("renderMarkdown: links and safety", () => {
  it("adds rel=noopener noreferrer to external links only", async () => {
    const { html } = await renderMarkdown("[out](https://example.com) [in](/blog) [here](#top)");
    expect(html).toBe('<p><a href="https://example.com" rel="noopener noreferrer">out</a> <a href="/blog">in</a> <a href="#top">here</a></p>');
  });

  it("takes the href off javascript: links and the src off javascript: images", async () => {
    const { html } = await renderMarkdown("[x](javascript:alert(1)) [y](JaVaScRiPt:alert(2)) ![z](javascript:alert(3))\n\n[r][ref]\n\n[ref]: javascript:alert(4)");
    expect(html).toBe('<p><a>x</a> <a>y</a> <img alt="z"></p>\n<p><a>r</a></p>');
  });

  it("never passes raw HTML through", async () => {
    const source = [
      "<script>alert(1)</script>",
      "",
      "Inline <img src=x onerror=alert(1)> and <b onclick=alert(1)>bold</b>.",
      "",
      "<!-- a secret comment -->",
      "",
      '<iframe src="https://evil.example"></iframe>',
      "",
      "<div onmouseover=alert(1)>block</div>",
    ].join("\n");
    const { html } = await renderMarkdown(source);
    expect(html).not.toMatch(/<script|<img|<iframe|<div|<b[ >]|onerror|onclick|onmouseover|<!--|secret comment|alert\(|evil\.example/i);
    expect(html).toContain("<p>Inline  and bold.</p>");
  });

  it("keeps <, >, { and } in prose as text", async () => {
    const { html } = await renderMarkdown("If a < b and c > d then {x} and {1+1}.");
    expect(html).toBe("<p>If a &#x3C; b and c > d then {x} and {1+1}.</p>");
  });
});

describe("renderMarkdown: code", () => {
  it("highlights a known language with light and dark colours and no script", async () => {
    const { html } = await renderMarkdown('```ts\nconst deal: string = "signed";\n```');
    expect(html).toMatch(/^<pre class="shiki[^"]*"[^>]*><code>/);
    expect(html.match(/<span style="--shiki-light:#[0-9A-Fa-f]{6};--shiki-dark:#[0-9A-Fa-f]{6}">/g)?.length).toBeGreaterThan(3);
    expect(html).toContain("const");
    expect(html).toContain("signed");
    expect(html).not.toContain("<script");
  });

  it("shows an unknown language as plain text", async () => {
    const { html } = await renderMarkdown('```brainfuck\n+++ "x" <y>\n```');
    expect(html).toMatch(/^<pre class="shiki[^"]*"[^>]*><code><span class="line"><span[^>]*>\+\+\+ "x" &#x3C;y><\/span><\/span><\/code><\/pre>$/);
  });
});

describe("renderPost", () => {
  it("renders an .md post to HTML with its headings", async () => {
    const rendered = await renderPost(makePost("## One\n\nA <b>raw</b> {x}."), {});
    expect(rendered).toEqual({
      html: expect.stringMatching(/^<h2 id="one">One<a [^]*<\/h2>\n<p>A raw {x}\.<\/p>$/),
      headings: [{ id: "one", text: "One", depth: 2 }],
    });
  });

  it("keeps a rendered post by its hash", async () => {
    const post = makePost("First body.");
    const first = await renderPost(post, {});
    expect(await renderPost({ ...post, body: "Second body." }, {})).toBe(first);
  });
});

describe("renderPost: MDX", () => {
  const received: Record<string, unknown>[] = [];
  const components: MdxComponents = {
    Callout: (props: { type?: string; title?: string; children?: ReactNode }) => {
      received.push(props);
      return createElement("aside", { "data-callout": props.type, "data-title": props.title }, props.children);
    },
  };
  const g = globalThis as Record<string, unknown>;

  afterEach(() => {
    received.length = 0;
    delete g.FOLIO_MDX_PWNED;
  });

  it("renders a Callout from the component map, with markdown and typography inside", async () => {
    const post = makePost('Intro.\n\n<Callout type="tip" title="Before the call">\nWrite down what makes you **walk away**---before the call.\n</Callout>\n\n## Keep score\n', "mdx");
    const rendered = await renderPost(post, components);
    expect("content" in rendered).toBe(true);
    const markup = html(rendered);
    expect(markup).toContain('<aside data-callout="tip" data-title="Before the call">');
    expect(markup).toContain("<strong>walk away</strong>—before the call.");
    expect(markup).toMatch(/<h2 id="keep-score">Keep score<a [^>]*href="#keep-score"/);
    expect(rendered.headings).toEqual([{ id: "keep-score", text: "Keep score", depth: 2 }]);
  });

  it("drops expressions, import/export, scripts, iframes, handlers and javascript: URLs", async () => {
    const body = [
      'Hi {"EXPR" + "ESSION"} and {globalThis.FOLIO_MDX_PWNED = 1}.',
      "",
      'import fs from "node:fs"',
      "",
      'export const leaked = "EXPORTED-VALUE"',
      "",
      '<Callout type="note" onClick="alert(1)" title={globalThis.FOLIO_MDX_PWNED = 3} {...{ style: {} }}>',
      "Inside.",
      "</Callout>",
      "",
      "<script>globalThis.FOLIO_MDX_PWNED = 2</script>",
      "",
      '<iframe src="https://evil.example/frame"></iframe>',
      "",
      '<a href="javascript:alert(1)">bad anchor</a> and <a href="/ok" onMouseOver="alert(1)" style={{ color: "red" }}>good anchor</a>',
      "",
      "[md link](javascript:alert(1))",
      "",
      "<Evil>hidden words</Evil>",
      "",
      "{leaked}",
    ].join("\n");
    const markup = html(await renderPost(makePost(body, "mdx"), components));

    expect(markup).not.toMatch(/EXPRESSION|EXPORTED-VALUE|node:fs|<script|<iframe|evil\.example|onclick|onmouseover|style=|javascript:|alert\(|hidden words/i);
    expect(g.FOLIO_MDX_PWNED).toBeUndefined();
    expect(markup).toContain("<a>bad anchor</a>");
    expect(markup).toContain('<a href="/ok">good anchor</a>');
    expect(markup).toContain("<a>md link</a>");
    expect(markup).toContain('<aside data-callout="note">');
    expect(received).toHaveLength(1);
    expect(Object.keys(received[0]!).sort()).toEqual(["children", "type"]);
  });

  it("rejects MDX that does not compile, and does not keep the failure", async () => {
    const broken = makePost("<Callout>\nnever closed\n", "mdx");
    await expect(renderPost(broken, components)).rejects.toThrow();
    const fixed = await renderPost({ ...broken, body: "<Callout>closed</Callout>\n" }, components);
    expect(html(fixed)).toContain("<aside>closed</aside>");
  });
});

describe("renderPost: the disk cache", () => {
  const BODY = "## A heading\n\nSome *text*, cached.";
  let dist = "";

  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(dist, { recursive: true, force: true });
  });

  /** Renders BODY once with the disk cache under a temp build folder; returns the result and the entry's path. */
  async function renderedOnce() {
    dist = mkdtempSync(path.join(os.tmpdir(), "folio-render-cache-"));
    vi.stubEnv("FOLIO_DIST_DIR", dist);
    vi.stubEnv("FOLIO_DISK_CACHE", "1");
    const rendered = await renderPost(makePost(BODY), {});
    const root = path.join(dist, "cache/folio/render");
    const entries = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".json"));
    expect(entries).toHaveLength(1);
    return { rendered, entry: path.join(root, entries[0]!) };
  }

  it("takes a well-formed entry (so the cases below do go through the disk cache)", async () => {
    const { entry } = await renderedOnce();
    writeFileSync(entry, JSON.stringify({ html: "<p>from the cache</p>", headings: [] }));
    // A new hash: the process's own cache misses and the disk cache is asked.
    expect(html(await renderPost(makePost(BODY), {}))).toBe("<p>from the cache</p>");
  });

  it.each([
    ["valid JSON of the wrong shape", JSON.stringify({ html: 5, headings: [] })],
    ["an entry without headings", JSON.stringify({ html: "<p>stale</p>" })],
    ["headings of the wrong shape", JSON.stringify({ html: "<p>stale</p>", headings: [{ id: "a", text: "A", depth: "2" }] })],
    ["truncated JSON", '{"html":"<h2 id=\\"a-heading\\">A hea'],
  ])("treats %s as a miss: the body is rendered again, right", async (_label, corrupt) => {
    const { rendered, entry } = await renderedOnce();
    const good = readFileSync(entry, "utf8");
    writeFileSync(entry, corrupt);
    const again = await renderPost(makePost(BODY), {});
    expect(html(again)).toBe(html(rendered));
    expect(again.headings).toEqual([{ id: "a-heading", text: "A heading", depth: 2 }]);
    expect(readFileSync(entry, "utf8")).toBe(good);
  });
});
