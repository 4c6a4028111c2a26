import "server-only";
import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { SKIP, visit } from "unist-util-visit";
import { postHref, renderPost, type MdxComponents, type Post } from "@/lib/content";
import { absoluteUrl } from "@/lib/config/site";
import { reactToHast } from "./static-markup";

const cache = new Map<string, Promise<string>>();
const CACHE_ENTRIES = 200;

/**
 * A post's body as standalone HTML for feeds: the same render as the page (typography, highlighting, the MDX
 * components), with every link and image made absolute and the headings' "#" anchor links left out.
 * Kept by the file's hash and SITE_URL, so an unchanged post is converted once per process.
 */
export function getPostHtml(post: Post, components: MdxComponents): Promise<string> {
  const base = absoluteUrl(postHref(post));
  const key = `${post.hash}:${base}`;
  let html = cache.get(key);
  if (!html) {
    html = renderPost(post, components).then(async (rendered) => {
      const tree = "html" in rendered ? fromHtml(rendered.html, { fragment: true }) : await reactToHast(rendered.content);
      return toHtml(forFeeds(tree, base));
    });
    html.catch(() => cache.delete(key));
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, html);
  }
  return html;
}

const URL_PROPERTIES = ["href", "src"] as const;

/** Resolves relative URLs against the post's address and drops heading anchors (a bare "#" in a feed reader). */
export function forFeeds(tree: Root, base: string): Root {
  visit(tree, "element", (node: Element, index, parent) => {
    if (parent && index !== undefined && classNames(node).includes("heading-anchor")) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    for (const name of URL_PROPERTIES) {
      const value = node.properties[name];
      if (typeof value === "string") node.properties[name] = resolveUrl(value, base);
    }
  });
  return tree;
}

function classNames(node: Element): string[] {
  const value: unknown = node.properties.className;
  if (Array.isArray(value)) return value.map(String);
  return typeof value === "string" ? value.split(/\s+/) : [];
}

function resolveUrl(value: string, base: string): string {
  try {
    return new URL(value, base).href;
  } catch {
    return value;
  }
}
