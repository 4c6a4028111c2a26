import type { Element } from "hast";
import type { Nodes, Root } from "mdast";
import { replaceTokensWithText } from "./shortcodes";

// Blocks whose text is kept apart from the next block's, so words never run together across them.
const BLOCKS = new Set([
  "paragraph", "heading", "blockquote", "list", "listItem", "table", "tableRow", "tableCell", "code", "footnoteDefinition",
  "defList", "defListTerm", "defListDescription", "folioContainer",
]);

/**
 * A body as the plain text a reader sees, for search: markdown syntax stripped, the typographer's punctuation kept
 * (so snippets show “curly quotes” and em dashes), link targets left out, shortcodes as the words they show. Raw
 * HTML in `.md` is dropped; in `.mdx` only the tags of JSX components are dropped and the words between them kept.
 */
export function plainText(tree: Root, format: "md" | "mdx", outputs: readonly Element[] = []): string {
  const parts: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "text") parts.push(replaceTokensWithText(node.value, outputs));
    else if (node.type === "inlineCode" || node.type === "code") parts.push(node.value);
    else if (node.type === "html") parts.push(format === "mdx" ? ` ${node.value.replace(/<[^>]*>/g, " ")} ` : " ");
    else if (node.type === "image") parts.push(node.alt ?? "");
    else if (node.type === "break") parts.push(" ");
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
    if (BLOCKS.has(node.type)) parts.push(" ");
  };
  walk(tree);
  return parts.join("").replace(/\s+/g, " ").trim();
}
