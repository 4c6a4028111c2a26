import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parsePostFile } from "../parse";
import type { Post } from "../schema";
import { renderPost, UNRENDERABLE_HTML, type MdxComponents, type RenderedPost } from "./index";

let counter = 0;
/** A valid post with this body; each gets its own file name so logs and caches never mix tests up. */
function makePost(body: string, format: "md" | "mdx" = "md"): Post {
  const { post } = parsePostFile(`posts/render-test-${++counter}.${format}`, Buffer.from(`---\ntitle: T\ndescription: d\ndate: 2025-10-01\n---\n${body}`));
  return post!;
}

function html(rendered: RenderedPost): string {
  return "html" in rendered ? rendered.html : renderToStaticMarkup(rendered.content);
}

describe("renderPost (through the render worker)", () => {
  it("renders an .md post to HTML with its headings; raw HTML becomes Hugo's placeholder", async () => {
    const rendered = await renderPost(makePost("## One\n\nA <b>raw</b> {x}."), {});
    expect(rendered).toEqual({
      html: expect.stringMatching(/^<h2 id="one">One<a [^]*<\/h2>\n<p>A <!-- raw HTML omitted -->raw<!-- raw HTML omitted --> {x}\.<\/p>$/),
      headings: [{ id: "one", text: "One", depth: 2 }],
    });
  });

  it("keeps raw HTML, sanitized, when the site's context allows it", async () => {
    const context = { unsafeHtml: true, resolveRef: () => undefined, param: () => undefined, baseURL: "https://example.com" };
    const rendered = await renderPost(makePost('Press <kbd>Ctrl</kbd> <img src="x.png" onerror="alert(1)">\n\n<script>alert(2)</script>'), {}, context);
    expect(html(rendered)).toBe('<p>Press <kbd>Ctrl</kbd> <img src="x.png"></p>\n');
  });

  it("resolves ref, relref and param shortcodes through the context", async () => {
    const context = {
      unsafeHtml: false,
      resolveRef: (target: string) => (target === "other.md" ? "/blog/other/" : undefined),
      param: (name: string) => (name === "author" ? "Ada *L*" : undefined),
      baseURL: "https://example.com/sub/",
    };
    const rendered = await renderPost(makePost('[a]({{< ref "other.md" >}}) [b]({{< relref "other.md" >}}) by {{< param author >}}, [c]({{< ref "missing" >}})'), {}, context);
    expect(html(rendered)).toBe('<p><a href="https://example.com/blog/other/" rel="noopener noreferrer">a</a> <a href="/blog/other/">b</a> by Ada *L*, <a href="">c</a></p>');
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

  it("shows MDX that does not compile as unrenderable, and renders the fixed file", async () => {
    const broken = makePost("<Callout>\nnever closed\n", "mdx");
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const failed = await renderPost(broken, components);
    expect(failed).toEqual({ html: UNRENDERABLE_HTML, headings: [], failed: true });
    expect(errors).toHaveBeenCalledWith(expect.stringContaining(`${broken.file}: `));
    errors.mockRestore();
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

  /** Renders a fresh body once with the disk cache under a temp build folder; returns the result and the entry's path. */
  async function renderedOnce(body: string) {
    dist = mkdtempSync(path.join(os.tmpdir(), "folio-render-cache-"));
    vi.stubEnv("FOLIO_DIST_DIR", dist);
    vi.stubEnv("FOLIO_DISK_CACHE", "1");
    const rendered = await renderPost(makePost(body), {});
    const root = path.join(dist, "cache/folio/render");
    const entries = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".json"));
    expect(entries).toHaveLength(1);
    return { rendered, entry: path.join(root, entries[0]!) };
  }

  it("takes a well-formed entry in another process (so the cases below do go through the disk cache)", async () => {
    const body = `${BODY} ${++counter}`;
    const { entry } = await renderedOnce(body);
    writeFileSync(entry, JSON.stringify({ format: "md", output: "<p>from the cache</p>", headings: [], text: "", issues: [] }));
    vi.resetModules();
    const fresh = await import("./index");
    expect(html(await fresh.renderPost(makePost(body), {}))).toBe("<p>from the cache</p>");
  });

  it.each([
    ["valid JSON of the wrong shape", JSON.stringify({ format: "md", output: 5, headings: [], text: "", issues: [] })],
    ["an entry of an older shape", JSON.stringify({ html: "<p>stale</p>", headings: [] })],
    ["headings of the wrong shape", JSON.stringify({ format: "md", output: "<p>stale</p>", headings: [{ id: "a", text: "A", depth: "2" }], text: "", issues: [] })],
    ["truncated JSON", '{"format":"md","output":"<h2 id=\\"a-heading\\">A hea'],
  ])("treats %s as a miss: the body is rendered again, right", async (_label, corrupt) => {
    const body = `${BODY} ${++counter}`;
    const { rendered, entry } = await renderedOnce(body);
    const good = readFileSync(entry, "utf8");
    writeFileSync(entry, corrupt);
    vi.resetModules();
    const fresh = await import("./index");
    const again = await fresh.renderPost(makePost(body), {});
    expect(html(again)).toBe(html(rendered));
    expect(again.headings).toEqual([{ id: "a-heading", text: "A heading", depth: 2 }]);
    expect(readFileSync(entry, "utf8")).toBe(good);
  });
});
