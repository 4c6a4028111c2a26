import type { Root } from "mdast";
import { protectGuillemets, remarkTypographer } from "./render/typographer";

// Titles and descriptions repeat across pages, feeds and cards; each distinct string is worked out once.
const MEMO_LIMIT = 10_000;
const memo = new Map<string, string>();

/**
 * The body's typography for a plain string (a title, a description): `"Isn't it..."` → `“Isn’t it…”`, by the same
 * Goldmark rules as a post's body (render/typographer.ts). The text is never read as markdown: `*` and `_` stay.
 */
export function typographer(text: string): string {
  if (!/["'.<>-]/.test(text)) return text;
  let result = memo.get(text);
  if (result === undefined) {
    const source = protectGuillemets(text);
    const end = { line: 1, column: source.length + 1, offset: source.length };
    const start = { line: 1, column: 1, offset: 0 };
    const tree: Root = { type: "root", children: [{ type: "paragraph", children: [{ type: "text", value: source, position: { start, end } }], position: { start, end } }] };
    remarkTypographer()(tree, { value: source });
    const paragraph = tree.children[0];
    const node = paragraph?.type === "paragraph" ? paragraph.children[0] : undefined;
    result = node?.type === "text" ? node.value : text;
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, result);
  }
  return result;
}
