import type { Element, ElementContent, Root, RootContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { toString } from "hast-util-to-string";

/**
 * HTML reduced to what a reader gets from it, so Hugo's output and Folio's can be compared block by block
 * (`npm run hugo:compare`, and the tests that hold the pipeline to Hugo's verified output): entities decoded,
 * attributes sorted, whitespace runs collapsed and dropped between blocks, comments (Hugo's `raw HTML omitted`
 * included) removed, and what each renderer adds on its own side set aside: Folio's heading anchor links, the scrolling region around
 * tables and `rel` on external links, and code blocks reduced to their language and text (Chroma and Shiki colour differently).
 */

const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
  "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);

const isBlock = (node: RootContent | undefined) => node?.type === "element" && BLOCK.has(node.tagName);

function codeLanguage(pre: Element): string | undefined {
  const code = pre.children.find((child): child is Element => child.type === "element" && child.tagName === "code") ?? pre;
  for (const element of [code, pre]) {
    const classes = element.properties.className;
    const found = Array.isArray(classes) ? classes.map(String).find((name) => name.startsWith("language-")) : undefined;
    if (found) return found;
  }
  return undefined;
}

function canonicalChildren(children: RootContent[]): RootContent[] {
  const out: RootContent[] = [];
  for (const child of children) {
    if (child.type === "comment" || child.type === "doctype") continue;
    if (child.type === "text") {
      out.push({ type: "text", value: child.value.replace(/\s+/g, " ") });
      continue;
    }
    if (child.type !== "element") continue;
    const classes = Array.isArray(child.properties.className) ? child.properties.className.map(String) : [];
    if (child.tagName === "a" && classes.includes("heading-anchor")) continue;
    // Folio's scrolling region around a table (table-scroll.ts) is the reader's, not the markup's.
    if (child.tagName === "div" && classes.includes("table-scroll")) {
      out.push(...canonicalChildren(child.children as RootContent[]));
      continue;
    }
    if (child.tagName === "pre" || (child.tagName === "div" && classes.includes("highlight"))) {
      const pre = child.tagName === "pre" ? child : findPre(child);
      const language = pre ? codeLanguage(pre) : undefined;
      const text = toString(pre ?? child).replace(/\n$/, "");
      out.push({ type: "element", tagName: "pre", properties: {}, children: [{ type: "element", tagName: "code", properties: language ? { className: [language] } : {}, children: [{ type: "text", value: text }] }] });
      continue;
    }
    const properties = { ...child.properties };
    if (child.tagName === "a") delete properties.rel;
    // Folio's stylesheet hook for checklists; Goldmark writes a plain list.
    if (classes.includes("contains-task-list")) delete properties.className;
    out.push({ ...child, properties, children: canonicalChildren(child.children) as ElementContent[] });
  }
  return trimAroundBlocks(out);
}

/** The code of a highlighted block: the `pre` whose code names a language (Chroma's line-number table has two), else the first. */
function findPre(node: Element): Element | undefined {
  const pres: Element[] = [];
  const walk = (parent: Element) => {
    for (const child of parent.children) {
      if (child.type !== "element") continue;
      if (child.tagName === "pre") pres.push(child);
      else walk(child);
    }
  };
  walk(node);
  return pres.find((pre) => codeLanguage(pre) !== undefined) ?? pres[0];
}

/** Drops whitespace that only separates blocks, and trims text where it meets a block boundary. */
function trimAroundBlocks(nodes: RootContent[]): RootContent[] {
  const kept: RootContent[] = [];
  nodes.forEach((node, i) => {
    if (node.type !== "text") {
      kept.push(node);
      return;
    }
    let value = node.value;
    if (i === 0 || isBlock(nodes[i - 1])) value = value.trimStart();
    if (i === nodes.length - 1 || isBlock(nodes[i + 1])) value = value.trimEnd();
    if (value !== "") kept.push({ type: "text", value });
  });
  return kept;
}

/** The canonical form of an HTML fragment (see the module comment). */
export function canonicalHtml(html: string): string {
  return canonicalTree(fromHtml(html, { fragment: true }));
}

/** The canonical form of a parsed fragment or element. */
export function canonicalTree(tree: Root | Element): string {
  const root: Root = { type: "root", children: canonicalChildren(tree.type === "root" ? tree.children : [tree]) };
  return toHtml(root, { allowDangerousHtml: false, characterReferences: { useNamedReferences: false }, closeSelfClosing: false, tightCommaSeparatedLists: true })
    .replace(/<([a-z0-9]+)((?: [^>]*)?)>/g, (_, tag: string, attrs: string) => `<${tag}${sortAttributes(attrs)}>`);
}

function sortAttributes(attrs: string): string {
  if (!attrs) return "";
  const list = attrs.match(/ [^\s=]+(?:="[^"]*")?/g) ?? [];
  return list.sort().join("");
}
