import type { Element, Root } from "hast";
import { toString } from "hast-util-to-string";
import { SKIP, visit } from "unist-util-visit";

const LABEL_MAX = 100;

/** The accessible name of a table's scroll region: "Table: " and its column headings, or "Table" without any. */
function labelOf(table: Element): string {
  const headings: string[] = [];
  visit(table, "element", (node: Element) => {
    if (node.tagName === "tr" && headings.length > 0) return SKIP;
    if (node.tagName === "th") headings.push(toString(node).trim());
  });
  const named = headings.filter(Boolean).join(", ");
  if (!named) return "Table";
  return `Table: ${named.length > LABEL_MAX ? `${named.slice(0, LABEL_MAX - 1).trimEnd()}…` : named}`;
}

/**
 * Wraps each table in a region that scrolls sideways on a narrow screen (the stylesheet draws the hint that there is
 * more) and that a keyboard can reach and scroll: focusable, with a name taken from the column headings.
 */
export function rehypeTableScroll() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (node.tagName !== "table" || !parent || index === undefined) return;
      const wrapper: Element = {
        type: "element",
        tagName: "div",
        properties: { className: ["table-scroll"], role: "region", tabIndex: 0, ariaLabel: labelOf(node) },
        children: [node],
      };
      parent.children[index] = wrapper;
      return SKIP;
    });
  };
}
