import { readFileSync } from "node:fs";
import path from "node:path";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { createElement, Fragment, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { mdxComponents } from "@/components/mdx";
import { parsePostFile, renderPost } from "@/lib/content";
import { reactToHast } from "./static-markup";

/** HTML in one canonical spelling, so React's escaping choices and hast's compare equal. */
const canonical = (html: string) => toHtml(fromHtml(html, { fragment: true }));

describe("reactToHast", () => {
  it("renders the sample MDX post as react-dom/server does", async () => {
    const file = path.join(__dirname, "../../tests/fixtures/site/posts/discovery-calls-that-qualify.mdx");
    const { post } = parsePostFile("posts/discovery-calls-that-qualify.mdx", readFileSync(file));
    const rendered = await renderPost(post!, mdxComponents);
    if (!("content" in rendered)) throw new Error("expected an MDX element");
    const ours = toHtml(await reactToHast(rendered.content));
    expect(ours).toContain('<aside class="callout callout--tip" aria-label="Before the call">');
    expect(canonical(ours)).toBe(canonical(renderToStaticMarkup(rendered.content)));
  });

  it("renders every component of the MDX map as react-dom/server does", async () => {
    for (const [name, Component] of Object.entries(mdxComponents)) {
      const element = createElement(Component as (props: { title: string }) => ReactElement, { title: `A “${name}” <title>` }, "Some & text");
      expect(canonical(toHtml(await reactToHast(element))), name).toBe(canonical(renderToStaticMarkup(element)));
    }
  });

  it("escapes text and attributes, and follows React for booleans, styles and async components", async () => {
    const Async = async ({ word }: { word: string }) => createElement("em", null, word);
    const tree = createElement(
      Fragment,
      null,
      createElement("p", { title: '"quoted" <x>', "data-on": true, "aria-hidden": false, hidden: false, style: { fontWeight: 700, "--x": "1" } }, "<script>alert(1)</script>", 2, null, false),
      [createElement(Async, { key: "a", word: "async" })],
    );
    expect(toHtml(await reactToHast(tree))).toBe(
      '<p title="&#x22;quoted&#x22; <x>" data-on="true" aria-hidden="false" style="font-weight:700;--x:1">&#x3C;script>alert(1)&#x3C;/script>2</p><em>async</em>',
    );
  });

  it("refuses what it cannot render rather than dropping it", async () => {
    await expect(reactToHast({ not: "an element" })).rejects.toThrow(/cannot render/);
  });
});
