import type { Element } from "hast";
import type { Nodes, Root } from "mdast";
import { replaceTokensWithText } from "./shortcodes";

// Blocks whose text is kept apart from the next block's, so a heading, a list item or a table cell never runs into
// the words after it.
const BLOCKS = new Set([
  "paragraph", "heading", "blockquote", "list", "listItem", "table", "tableRow", "tableCell", "code", "footnoteDefinition",
  "defList", "defListTerm", "defListDescription", "folioContainer",
]);

/** Where a block ends: a space after a sentence's end, else a middle dot ("Know your ask · The worst outcome"). */
const BOUNDARY = "\u0000";
const ENDS_SENTENCE = /[.!?:;…]["”’)\]]*$/;

/**
 * A body as the plain text a reader sees, for search: markdown syntax stripped, the typographer's punctuation kept
 * (so snippets show “curly quotes” and em dashes), link targets left out, shortcodes as the words they show. Raw
 * HTML in `.md` is dropped; in `.mdx` only the tags of JSX components are dropped and the words between them kept.
 */
export function plainText(tree: Root, format: "md" | "mdx", outputs: readonly Element[] = []): string {
  const parts: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "text") parts.push(replaceTokensWithText(node.value, outputs).replace(/\u0000/g, ""));
    else if (node.type === "inlineCode" || node.type === "code") parts.push(node.value.replace(/\u0000/g, ""));
    else if (node.type === "html") parts.push(format === "mdx" ? ` ${node.value.replace(/<[^>]*>/g, " ")} ` : " ");
    else if (node.type === "image") parts.push(node.alt ?? "");
    else if (node.type === "break") parts.push(" ");
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
    if (BLOCKS.has(node.type)) parts.push(BOUNDARY);
  };
  walk(tree);
  // Joined once at the end, each separator chosen by the block before it (testing the growing text would rescan it
  // from its start for every block: quadratic in the length of the post).
  const out: string[] = [];
  let previous = "";
  for (const piece of parts.join("").replace(/\s+/g, " ").split(BOUNDARY)) {
    const words = piece.trim();
    if (!words) continue;
    if (previous) out.push(ENDS_SENTENCE.test(previous) ? " " : " · ");
    out.push(words);
    previous = words;
  }
  return out.join("");
}
