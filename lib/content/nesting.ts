/** Deepest nesting of block quotes, lists or (in MDX) JSX elements a post body may have; real posts stay under ten. */
export const MAX_BODY_NESTING = 100;

// One container opener at the cursor: a block-quote marker, or a list marker followed by a space or the line's end.
const OPENER = /[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/y;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;
// A JSX tag: `<Name …>` opens, `</Name>` closes, `<Name … />` does both. Attribute values holding `>` are rare
// enough for an estimate; inline code is left out so `` `<div>` `` in prose is not counted.
const JSX_TAG = /`[^`\n]*`|<(\/?)[A-Za-z][\w.:-]*(?:\s[^<>]*?)?(\/?)>/g;

/** Where the body nests too deeply: its 1-based line within the body and an estimate of the depth. */
export type DeepNesting = { line: number; depth: number };

/** Columns of leading whitespace, a tab counting as four. */
function indentWidth(line: string): number {
  let width = 0;
  for (const char of line) {
    if (char === " ") width += 1;
    else if (char === "\t") width += 4;
    else break;
  }
  return width;
}

/** Markers on the line, plus a level per two columns of indentation: at least as deep as markdown will nest it. */
function containerDepth(line: string, limit: number): number {
  let depth = Math.floor(indentWidth(line) / 2);
  OPENER.lastIndex = 0;
  while (depth <= limit && OPENER.exec(line)) depth += 1;
  return depth;
}

/**
 * The first line of a markdown body whose block quotes and lists (and, with `jsx`, JSX elements) nest deeper than
 * `limit`, or null. Linear in the body's size. The markdown and MDX parsers recurse once per level, so a few
 * thousand levels (`> > > …`, `- - - …`, `<div><div>…`) exhaust the stack after seconds of work; this finds them
 * before they run. Fenced code is skipped: what is inside it is text, not structure.
 */
export function findDeepNesting(body: string, options: { jsx?: boolean; limit?: number } = {}): DeepNesting | null {
  const limit = options.limit ?? MAX_BODY_NESTING;
  const lines = body.split("\n");
  let fence: string | null = null;
  let jsxDepth = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const marker = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    const depth = containerDepth(line, limit);
    if (depth > limit) return { line: i + 1, depth };
    if (!options.jsx) continue;
    for (const [token, closing, selfClosing] of line.matchAll(JSX_TAG)) {
      if (token.startsWith("`") || selfClosing) continue;
      jsxDepth = Math.max(0, jsxDepth + (closing ? -1 : 1));
      if (jsxDepth > limit) return { line: i + 1, depth: jsxDepth };
    }
  }
  return null;
}
