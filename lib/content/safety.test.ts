import type { Root as HastRoot } from "hast";
import type { Root as MdastRoot } from "mdast";
import { describe, expect, it } from "vitest";
import { isSafeUrl, rehypeSafeUrls, remarkSafeJsx } from "./safety";

describe("isSafeUrl", () => {
  it.each([
    "https://example.com/a?b=c#d",
    "http://example.com",
    "HTTPS://EXAMPLE.COM",
    "mailto:someone@example.com",
    "tel:+15551234567",
    "/blog/a-post",
    "blog/a-post",
    "./a:b",
    "../up",
    "#section",
    "?page=2",
    "",
    "//example.com/protocol-relative",
  ])("allows %j", (url) => {
    expect(isSafeUrl(url)).toBe(true);
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\u0001javascript:alert(1)",
    "javascript\u0000:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml;base64,PHN2Zz4=",
    "file:///etc/passwd",
    "ftp://example.com",
    "a:b",
  ])("refuses %j", (url) => {
    expect(isSafeUrl(url)).toBe(false);
  });
});

describe("rehypeSafeUrls", () => {
  it("removes unsafe href and src values and keeps safe ones; data: only for raster images", () => {
    const tree: HastRoot = {
      type: "root",
      children: [
        { type: "element", tagName: "a", properties: { href: "javascript:alert(1)", title: "t" }, children: [] },
        { type: "element", tagName: "img", properties: { src: "data:image/png;base64,AAAA", alt: "x" }, children: [] },
        { type: "element", tagName: "img", properties: { src: "data:image/svg+xml;base64,PHN2Zz4=", alt: "svg" }, children: [] },
        { type: "element", tagName: "a", properties: { href: "data:image/png;base64,AAAA" }, children: [] },
        { type: "element", tagName: "iframe", properties: { src: "data:image/gif;base64,AAAA" }, children: [] },
        { type: "element", tagName: "a", properties: { href: "https://example.com" }, children: [] },
        { type: "element", tagName: "a", properties: { href: "/blog", id: "__next_f" }, children: [] },
      ],
    };
    rehypeSafeUrls()(tree);
    expect(tree.children.map((n) => (n.type === "element" ? n.properties : null))).toEqual([
      { title: "t" },
      { src: "data:image/png;base64,AAAA", alt: "x" },
      { alt: "svg" },
      {},
      {},
      { href: "https://example.com" },
      { href: "/blog" },
    ]);
  });
});

type Jsx = { type: string; name: string | null; attributes: { type: string; name?: string; value?: unknown }[]; children: Jsx[] };
const jsx = (name: string | null, attributes: Jsx["attributes"] = [], children: Jsx[] = []): Jsx => ({
  type: "mdxJsxFlowElement",
  name,
  attributes,
  children,
});
const attr = (name: string, value: unknown) => ({ type: "mdxJsxAttribute", name, value });

describe("remarkSafeJsx", () => {
  const run = (children: Jsx[]) => {
    const tree = { type: "root", children } as unknown as MdastRoot;
    remarkSafeJsx(["Callout"])()(tree);
    return tree.children as unknown as Jsx[];
  };

  it("drops elements that are neither allowed components nor inert HTML, even side by side", () => {
    const kept = run([jsx("script"), jsx("iframe"), jsx("Callout"), jsx("Evil"), jsx("object"), jsx("p"), jsx(null)]);
    expect(kept.map((n) => n.name)).toEqual(["Callout", "p"]);
  });

  it("drops disallowed elements nested inside allowed ones", () => {
    const [callout] = run([jsx("Callout", [], [jsx("style"), jsx("strong", [], [jsx("script")])])]);
    expect(callout?.children.map((n) => n.name)).toEqual(["strong"]);
    expect(callout?.children[0]?.children).toEqual([]);
  });

  it("strips handlers, style, expressions, spreads and unsafe URLs, keeping plain attributes", () => {
    const [link] = run([
      jsx("a", [
        attr("href", "javascript:alert(1)"),
        attr("HREF", "javascript:alert(1)"),
        attr("onClick", "alert(1)"),
        attr("ONMOUSEOVER", "alert(1)"),
        attr("style", "position:fixed"),
        attr("dangerouslySetInnerHTML", "x"),
        attr("title", { type: "mdxJsxAttributeValueExpression", value: "alert(1)" }),
        { type: "mdxJsxExpressionAttribute", value: "{...props}" },
        attr("className", "plain"),
        attr("hidden", null),
      ]),
    ]);
    expect(link?.attributes).toEqual([attr("className", "plain"), attr("hidden", null)]);
    const img = run([jsx("img", [attr("src", "/ok.png"), attr("srcSet", "javascript:x 1x"), attr("alt", "ok")])])[0];
    expect(img?.attributes).toEqual([attr("src", "/ok.png"), attr("alt", "ok")]);
  });
});
