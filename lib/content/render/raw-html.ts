import type { Element, Root as HastRoot } from "hast";
import type { Html } from "mdast";
import { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import { SKIP, visit } from "unist-util-visit";

/**
 * Raw HTML in markdown follows the site's choice, as in Hugo: with `markup.goldmark.renderer.unsafe` off, each raw
 * HTML block or inline tag becomes Hugo's `<!-- raw HTML omitted -->` comment; with it on, the HTML is kept, then
 * sanitized (rehype-raw + rehype-sanitize with the schema below, and the iframe allowlist after it): images,
 * tables, figures, kbd, sup/sub, details, abbr, mark… stay; scripts, styles, forms, event handlers and
 * `javascript:` URLs never do.
 */

/** remark-rehype handler for `html` nodes when raw HTML is off: Hugo's placeholder comment, nothing of the HTML. */
export function omittedHtml(_state: unknown, _node: Html) {
  return { type: "comment" as const, value: " raw HTML omitted " };
}

const EXTRA_TAGS = ["figure", "figcaption", "kbd", "sup", "sub", "details", "summary", "iframe", "abbr", "mark", "small", "u", "cite", "dfn", "time", "var", "samp", "caption", "col", "colgroup", "center", "font", "video", "audio", "source", "track", "picture"];

type AttributeList = NonNullable<SanitizeSchema["attributes"]>[string];

/** A tag's default attributes without GitHub's class restrictions (any class is harmless; Hugo markup uses its own). */
function defaults(tag: string): AttributeList {
  return (defaultSchema.attributes?.[tag] ?? []).filter((entry) => !(Array.isArray(entry) && entry[0] === "className"));
}

/** What survives in raw HTML: the default (GitHub's) schema, plus the tags above and harmless presentational attributes. */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  // Ids are kept as written (`#fn:1`-style and in-page links of the old site keep working); see rehypeSafeIds.
  clobberPrefix: "",
  clobber: [],
  allowComments: true,
  // Their text is not content (a form is controls): never shown as words when the element goes.
  strip: ["script", "style", "template", "noscript", "textarea", "title", "select", "form"],
  tagNames: [...(defaultSchema.tagNames ?? []), ...EXTRA_TAGS],
  attributes: {
    ...defaultSchema.attributes,
    // `name` only on anchors: on an image it would shadow a property of `document` (DOM clobbering).
    "*": [...(defaultSchema.attributes?.["*"] ?? []).filter((name) => name !== "name"), "className", "role", "data*", "ariaLabel", "ariaHidden"],
    ...Object.fromEntries(["h2", "li", "ol", "ul", "section", "code"].map((tag) => [tag, defaults(tag)])),
    a: [...defaults("a"), "name", "target", "rel"],
    img: ["src", "alt", "title", "width", "height", "loading", "align"],
    iframe: ["src", "title", "width", "height", "allowFullScreen", "loading", "frameBorder"],
    video: ["src", "poster", "controls", "width", "height", "loop", "muted", "playsInline", "preload"],
    audio: ["src", "controls", "loop", "muted", "preload"],
    source: ["src", "srcSet", "type", "media", "sizes"],
    track: ["src", "kind", "srcLang", "label", "default"],
    td: [...(defaultSchema.attributes?.td ?? []), "align", "colSpan", "rowSpan"],
    th: [...(defaultSchema.attributes?.th ?? []), "align", "colSpan", "rowSpan", "scope"],
    col: ["span", "width"],
    colgroup: ["span"],
    details: ["open"],
    font: ["color"],
    ol: [...defaults("ol"), "start", "reversed", "type"],
  },
  protocols: {
    ...defaultSchema.protocols,
    // data: for images only, and only raster ones: rehypeSafeUrls decides that after sanitizing.
    src: ["http", "https", "data"],
    poster: ["http", "https"],
  },
};

/** Video hosts whose players may be framed; every other iframe is removed. */
const FRAME_HOSTS = new Map([
  ["www.youtube.com", "www.youtube-nocookie.com"],
  ["youtube.com", "www.youtube-nocookie.com"],
  ["www.youtube-nocookie.com", "www.youtube-nocookie.com"],
  ["player.vimeo.com", "player.vimeo.com"],
]);

/**
 * Rehype plugin, after sanitize: keeps an iframe only when it is an https player of an allowed video host (YouTube,
 * rewritten to its no-cookie domain, and Vimeo), sandboxed and lazy; removes every other iframe.
 */
export function rehypeIframeAllowlist() {
  return (tree: HastRoot) => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (node.tagName !== "iframe" || !parent || index === undefined) return;
      const host = allowedFrame(node.properties.src);
      if (!host) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      node.properties.src = host;
      node.properties.sandbox = ["allow-scripts", "allow-same-origin", "allow-presentation", "allow-popups"];
      node.properties.referrerPolicy = "strict-origin-when-cross-origin";
      node.properties.loading = "lazy";
      node.children = [];
    });
  };
}

function allowedFrame(src: unknown): string | null {
  if (typeof src !== "string") return null;
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return null;
  }
  const host = FRAME_HOSTS.get(url.hostname);
  if (url.protocol !== "https:" || !host) return null;
  url.hostname = host;
  return url.href;
}
