import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { forFeeds } from "./post-html";
import { reactToHast } from "./static-markup";

const BASE = "https://folio.example/blog/a-post";

describe("forFeeds", () => {
  it("makes links and images absolute against the post's address", () => {
    const tree = fromHtml('<a href="#part">p</a><a href="/blog/other">o</a><a href="next">n</a><img src="/i.png" alt=""><a href="mailto:x@example.com">m</a><a href="https://elsewhere.example/">e</a>', { fragment: true });
    expect(toHtml(forFeeds(tree, BASE))).toBe(
      '<a href="https://folio.example/blog/a-post#part">p</a><a href="https://folio.example/blog/other">o</a><a href="https://folio.example/blog/next">n</a><img src="https://folio.example/i.png" alt=""><a href="mailto:x@example.com">m</a><a href="https://elsewhere.example/">e</a>',
    );
  });

  it("drops heading anchors, from parsed HTML and from React trees alike", async () => {
    const html = '<h2 id="x">Title<a class="heading-anchor" href="#x"><span aria-hidden="true">#</span></a></h2><p>After</p>';
    expect(toHtml(forFeeds(fromHtml(html, { fragment: true }), BASE))).toBe('<h2 id="x">Title</h2><p>After</p>');
    const element = createElement("h2", { id: "x" }, "Title", createElement("a", { className: "heading-anchor", href: "#x" }, "#"));
    expect(toHtml(forFeeds(await reactToHast(element), BASE))).toBe('<h2 id="x">Title</h2>');
  });

  it("leaves a URL it cannot parse as it was", () => {
    expect(toHtml(forFeeds(fromHtml('<a href="http://[bad">x</a>', { fragment: true }), BASE))).toBe('<a href="http://[bad">x</a>');
  });
});
