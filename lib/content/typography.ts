import remarkSmartypants from "remark-smartypants";
import { unified, type Pluggable } from "unified";
import type { Root } from "mdast";

/**
 * Hugo's Goldmark typographer as a remark plugin: `---` em dash, `--` en dash, `...` ellipsis, curly quotes; code is
 * left alone. The markdown pipeline (render.ts) and {@link typographer} both use this one entry, so a post's title
 * and its body always follow the same rules.
 */
export const remarkTypographer: Pluggable = [remarkSmartypants, { dashes: "oldschool" }];

const processor = unified().use([remarkTypographer]).freeze();

// Titles and descriptions repeat across pages, feeds and cards; each distinct string is worked out once.
const MEMO_LIMIT = 10_000;
const memo = new Map<string, string>();

/**
 * The body's typography for a plain string (a title, a description): `"Isn't it..."` → `“Isn’t it…”`. The text is
 * never read as markdown: `*` and `_` stay as they are.
 */
export function typographer(text: string): string {
  if (!/["'.-]/.test(text)) return text;
  let result = memo.get(text);
  if (result === undefined) {
    const tree: Root = { type: "root", children: [{ type: "paragraph", children: [{ type: "text", value: text }] }] };
    processor.runSync(tree);
    const paragraph = tree.children[0];
    const node = paragraph?.type === "paragraph" ? paragraph.children[0] : undefined;
    result = node?.type === "text" ? node.value : text;
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, result);
  }
  return result;
}
