import type { Nodes, Root } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { remarkPlugins } from "@/lib/content";

const processor = unified().use(remarkParse).use(remarkPlugins).freeze();

// Blocks whose text is kept apart from the next block's, so a heading, a list item or a table cell never runs into
// the words after it.
const BLOCKS = new Set(["paragraph", "heading", "blockquote", "list", "listItem", "table", "tableRow", "tableCell", "code", "footnoteDefinition"]);
/** Where a block ends: a space after a sentence's end, else a middle dot ("Know your ask · The worst outcome"). */
const BOUNDARY = "\u0000";
const ENDS_SENTENCE = /[.!?:;…]["”’)\]]*$/;

/**
 * A post body as the plain text a reader sees: markdown syntax stripped, Hugo's typography applied (so snippets
 * show “curly quotes” and em dashes), link targets left out. Raw HTML in `.md` is dropped, as the page drops it;
 * in `.mdx` only the tags of JSX components are dropped and the words between them kept.
 */
export function markdownToText(markdown: string, format: "md" | "mdx"): string {
  const tree = processor.runSync(processor.parse(markdown)) as Root;
  const parts: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "text" || node.type === "inlineCode" || node.type === "code") parts.push(node.value.replace(/\u0000/g, ""));
    else if (node.type === "html") parts.push(format === "mdx" ? ` ${node.value.replace(/<[^>]*>/g, " ")} ` : " ");
    else if (node.type === "image") parts.push(node.alt ?? "");
    else if (node.type === "break") parts.push(" ");
    if ("children" in node) for (const child of node.children) walk(child);
    if (BLOCKS.has(node.type)) parts.push(BOUNDARY);
  };
  walk(tree);
  let text = "";
  for (const piece of parts.join("").replace(/\s+/g, " ").split(BOUNDARY)) {
    const words = piece.trim();
    if (!words) continue;
    text += text === "" ? words : `${ENDS_SENTENCE.test(text) ? " " : " · "}${words}`;
  }
  return text;
}

// Typographic punctuation is searched as its plain form, so "isn't" finds “isn’t”.
const PUNCTUATION: Record<string, string> = { "‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "." };
const folded = new Map<string, string>();

/**
 * Text for matching: lower case, accents and typographic punctuation removed, one character for one, so a
 * position in the folded text is the same position in the original (for highlighting).
 */
export function foldText(text: string): string {
  let out = "";
  for (const char of text.split("")) out += foldChar(char);
  return out;
}

function foldChar(char: string): string {
  if (char < "\u0080") return char >= "A" && char <= "Z" ? char.toLowerCase() : char;
  let result = folded.get(char);
  if (result === undefined) {
    const base = PUNCTUATION[char] ?? char.normalize("NFD").charAt(0).toLowerCase();
    result = base.length === 1 ? base : char;
    folded.set(char, result);
  }
  return result;
}
