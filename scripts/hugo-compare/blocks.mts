import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { canonicalTree } from "../../lib/content/render/canonical.ts";

/**
 * The blocks the migration report compares: paragraphs, list items, headings and table cells (and definition
 * terms/descriptions), each in canonical form (lib/content/render/canonical.ts: entities, attribute order and
 * whitespace normalised, Hugo's raw-HTML-omitted comments and Folio's heading anchors set aside). Blocks left empty by
 * that (a paragraph that held only an omitted-HTML comment) are not counted.
 */
const BLOCK_TAGS = new Set(["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd"]);

export function blocksOf(tree: Root | Element): string[] {
  const found: string[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== "element") continue;
      // Chroma's line-number tables (linenos) are code layout, not the post's tables: code is compared as a block.
      const classes = Array.isArray(child.properties.className) ? child.properties.className : [];
      if (classes.includes("highlight") || classes.includes("lntable") || child.tagName === "pre") continue;
      if (BLOCK_TAGS.has(child.tagName)) {
        const canonical = canonicalTree(child);
        if (!/^<[a-z0-9]+[^>]*><\/[a-z0-9]+>$/.test(canonical)) found.push(canonical);
      }
      walk(child);
    }
  };
  walk(tree);
  return found;
}

/** Hugo's `.Content` as the stand-in theme marks it, or a built page's main content when the site's own theme built it. */
export function hugoContent(html: string): Root {
  const start = html.indexOf('<template id="folio-content-start"></template>');
  const end = html.indexOf('<template id="folio-content-end"></template>');
  if (start !== -1 && end > start) return fromHtml(html.slice(start + '<template id="folio-content-start"></template>'.length, end), { fragment: true });
  return { type: "root", children: [largestArticle(fromHtml(html))] };
}

/** Folio's post body: the `.prose` element PostView renders. */
export function folioContent(html: string): Root {
  const tree = fromHtml(html);
  let prose: Element | undefined;
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== "element" || prose) continue;
      const classes = Array.isArray(child.properties.className) ? child.properties.className : [];
      if (classes.includes("prose")) prose = child;
      else walk(child);
    }
  };
  walk(tree);
  return { type: "root", children: prose ? [prose] : [] };
}

/** A theme's page without markers: the element (article, main…) holding the most paragraphs. */
function largestArticle(tree: Root): Element {
  let best: { node: Element; count: number } = { node: { type: "element", tagName: "div", properties: {}, children: [] }, count: -1 };
  const count = (node: Element): number => node.children.reduce((sum, child) => sum + (child.type === "element" ? (child.tagName === "p" ? 1 : 0) + count(child) : 0), 0);
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== "element") continue;
      if (["article", "main"].includes(child.tagName)) {
        const n = count(child);
        if (n > best.count) best = { node: child, count: n };
      }
      walk(child);
    }
  };
  walk(tree);
  return best.node;
}

/** How many of Hugo's blocks appear identically among Folio's (each of Folio's blocks matches once), and which did not. */
export function compareBlocks(hugo: readonly string[], folio: readonly string[]): { matched: number; total: number; missing: string[] } {
  const available = new Map<string, number>();
  for (const block of folio) available.set(block, (available.get(block) ?? 0) + 1);
  const missing: string[] = [];
  let matched = 0;
  for (const block of hugo) {
    const left = available.get(block) ?? 0;
    if (left > 0) {
      available.set(block, left - 1);
      matched++;
    } else missing.push(block);
  }
  return { matched, total: hugo.length, missing };
}
