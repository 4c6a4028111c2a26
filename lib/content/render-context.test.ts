import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { loadContentIndex } from "./load";
import { renderContextFor, resolveRef } from "./render-context";
import { renderPost } from "./site-render";

const fixture = (name: string) => path.resolve(__dirname, "../../tests/fixtures", name);

describe("the render context of a site", () => {
  it("takes raw HTML, params and refs from a Hugo site's config and posts", async () => {
    const index = await loadContentIndex(fixture("hugo/coder"));
    const context = renderContextFor(index);
    expect(context.unsafeHtml).toBe(true); // coder's hugo.toml: markup.goldmark.renderer.unsafe = true
    expect(context.param("Author", index.posts[0]!)).toBe("John Doe");
    expect(context.param("info", index.posts[0]!)).toBeUndefined(); // a list has no text to show
    const from = index.posts.find((post) => post.file.endsWith("posts/emoji-support.md"))!;
    const target = index.posts.find((post) => post.file.endsWith("posts/markdown-syntax.md"))!;
    expect(context.resolveRef("markdown-syntax.md", from)).toBe(target.path);
    expect(context.resolveRef("/posts/markdown-syntax#headings", from)).toBe(`${target.path}#headings`);
    expect(context.resolveRef("no-such-post.md", from)).toBeUndefined();
    expect(renderContextFor(index)).toBe(context);
  });

  it("keeps raw HTML out of Folio's own site, and renders with it on a Hugo site that allows it", async () => {
    expect(renderContextFor(await loadContentIndex(fixture("site"))).unsafeHtml).toBe(false);
    const index = await loadContentIndex(fixture("hugo/coder"));
    const post = { ...index.posts[0]!, body: 'Before <kbd>Ctrl</kbd> after', format: "md" as const };
    const rendered = await renderPost(post, {}, renderContextFor(index));
    expect("html" in rendered && rendered.html).toContain("<kbd>Ctrl</kbd>");
  });

  it("lets FOLIO_RAW_HTML keep raw HTML (sanitized) on Folio's own site, or omit it on a Hugo site that allows it", async () => {
    const site = await loadContentIndex(fixture("site"));
    const hugo = await loadContentIndex(fixture("hugo/coder"));
    const body = 'Before <kbd>Ctrl</kbd> <img src="x.png" onerror="alert(1)"> <script>alert(2)</script> after';
    const html = async (index: typeof site) => {
      const rendered = await renderPost({ ...index.posts[0]!, body, format: "md" as const }, {}, renderContextFor(index));
      return "html" in rendered ? rendered.html : "";
    };
    try {
      vi.stubEnv("FOLIO_RAW_HTML", "1");
      expect(renderContextFor(site).unsafeHtml).toBe(true);
      const kept = await html(site);
      expect(kept).toContain("<kbd>Ctrl</kbd>");
      expect(kept).toMatch(/<img src="x\.png"/);
      expect(kept).not.toMatch(/onerror|<script|alert\(2\)/);
      vi.stubEnv("FOLIO_RAW_HTML", "0");
      expect(renderContextFor(hugo).unsafeHtml).toBe(false);
      expect(await html(hugo)).not.toContain("<kbd>");
    } finally {
      vi.unstubAllEnvs();
    }
    // Unset again: each site's own choice.
    expect([renderContextFor(site).unsafeHtml, renderContextFor(hugo).unsafeHtml]).toEqual([false, true]);
  });

  it("never resolves a ref to a post that is not public", async () => {
    const index = await loadContentIndex(fixture("hugo/coder"));
    const from = index.posts[0]!;
    const draft = { ...from, file: "content/posts/secret.md", path: "/posts/secret/", draft: true };
    expect(resolveRef([draft], "secret.md", from)).toBeUndefined();
    expect(resolveRef([{ ...draft, draft: false }], "secret.md", from)).toBe("/posts/secret/");
  });

  it("resolves a translation's ref in its own language first, a file-name translation included", async () => {
    const index = await loadContentIndex(fixture("hugo/coder"));
    const original = index.posts.find((post) => post.file.endsWith("posts/markdown-syntax.md"))!;
    const translated = index.translations.find((post) => post.file.endsWith("posts/markdown-syntax.pt-br.md"))!;
    const from = { ...original, file: "content/posts/other.pt-br.md", lang: "pt-br" };
    const context = renderContextFor(index);
    expect(context.resolveRef("markdown-syntax.md", from)).toBe(translated.path);
    expect(context.resolveRef("markdown-syntax", from)).toBe(translated.path);
    expect(context.resolveRef("markdown-syntax.md", original)).toBe(original.path);
  });
});
