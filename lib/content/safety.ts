import type { Element, Root as HastRoot } from "hast";
import type { Root as MdastRoot } from "mdast";
import { visit, SKIP } from "unist-util-visit";

// Links may go to the web, to mail and phone, or stay on the site; `javascript:`, `data:` and the rest are dropped.
const SAFE_URL = /^(?:https?:|mailto:|tel:|[^:/?#]*(?:[/?#]|$))/i;
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formAction", "formaction", "poster", "xlinkHref", "srcSet", "srcset"]);

/** Whether a URL from content may be put in an href or src. */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:"), so compare without them.
  const compact = url.replace(/[\u0000-\u0020\u007f]/g, "");
  return SAFE_URL.test(compact);
}

// Inline images as Goldmark allows them (raster formats only: an SVG can carry script); never for links.
const DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);/i;

/** Whether `url` may be the `src` of an image: a safe URL, or an inline raster image. */
export function isSafeImageSource(url: string): boolean {
  return isSafeUrl(url) || DATA_IMAGE.test(url.replace(/[\u0000-\u0020\u007f]/g, ""));
}

/**
 * Rehype plugin: removes href/src values with unsafe schemes that markdown links and images can carry (an image
 * may be a `data:` PNG, GIF, JPEG or WebP), and ids starting with `__`, which would shadow the page's own globals.
 */
export function rehypeSafeUrls() {
  return (tree: HastRoot) => {
    visit(tree, "element", (node: Element) => {
      for (const name of Object.keys(node.properties)) {
        const value = node.properties[name];
        if (URL_ATTRIBUTES.has(name) && typeof value === "string") {
          const safe = name === "src" && node.tagName === "img" ? isSafeImageSource(value) : isSafeUrl(value);
          if (!safe) delete node.properties[name];
        }
        if ((name === "id" || name === "name") && typeof value === "string" && value.startsWith("__")) delete node.properties[name];
      }
    });
  };
}

type JsxAttribute = { type: string; name?: string; value?: unknown };
type JsxNode = { type: string; name?: string | null; attributes?: JsxAttribute[] };

const SAFE_HTML_TAGS = new Set([
  "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "dfn", "div", "dl", "dt",
  "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
  "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
  "thead", "time", "tr", "u", "ul", "var",
]);

/**
 * Remark plugin for MDX: JSX in a post may only name the site's own components or plain, inert HTML elements, and
 * may not carry event handlers, `style`, spread props or unsafe URLs. blockJS already removes `{expressions}`,
 * `import` and `export`; this closes what it leaves open (`<script>`, `<iframe>`, `onClick="..."`, `javascript:`).
 */
export function remarkSafeJsx(allowedComponents: readonly string[]) {
  const allowed = new Set([...allowedComponents, ...SAFE_HTML_TAGS]);
  return () => (tree: MdastRoot) => {
    visit(tree, (node, index, parent) => {
      const jsx = node as unknown as JsxNode;
      if (jsx.type !== "mdxJsxFlowElement" && jsx.type !== "mdxJsxTextElement") return;
      if (!jsx.name || !allowed.has(jsx.name)) {
        if (parent && index !== undefined) parent.children.splice(index, 1);
        return [SKIP, index];
      }
      jsx.attributes = (jsx.attributes ?? []).filter((attribute) => {
        if (attribute.type !== "mdxJsxAttribute" || !attribute.name) return false;
        const name = attribute.name.toLowerCase();
        if (name.startsWith("on") || name === "style" || name === "dangerouslysetinnerhtml") return false;
        if (URL_ATTRIBUTES.has(attribute.name) || URL_ATTRIBUTES.has(name)) {
          return typeof attribute.value === "string" && isSafeUrl(attribute.value);
        }
        return attribute.value === null || typeof attribute.value === "string";
      });
    });
  };
}
