import { decodeNamedCharacterReference } from "decode-named-character-reference";
import type { Nodes, Parents, Root, Text } from "mdast";
import { work } from "./work";

/**
 * Goldmark's typographer (yuin/goldmark v1.5.4, extension/typographer.go), as Hugo 0.111 runs it: `---` and `--`
 * dashes, `...` three dots at a time, `<<` `>>` guillemets, and curly quotes decided by CommonMark's flanking rules
 * with a per-block count of open quotes. Goldmark decides on the raw source around each character, so this works
 * from the source positions of each text node rather than its decoded value: a backslash-escaped or entity quote
 * stays straight, the character before a quote is the raw one (`*` of an emphasis, `)` of a link). One pass, left to
 * right, per text node: linear in the size of the post, never a join of the whole document into one string.
 */

/** Stand-ins for `<<` put in the source before parsing (see protectGuillemets): CommonMark would read `<x>>` as HTML. */
export const OPEN_GUILLEMET = "\uFDD0";
const GUILLEMET_TAIL = "\uFDD1";

/**
 * Replaces each unescaped `<<` of a markdown source with two noncharacters of the same length, so positions hold
 * and the parser sees no tag; restoreGuillemets puts them back wherever the typographer did not turn them into «.
 */
export function protectGuillemets(source: string): string {
  if (!source.includes("<<")) return source;
  let out = "";
  let from = 0;
  for (let i = 0; i < source.length - 1; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === "<" && source[i + 1] === "<") {
      out += source.slice(from, i) + OPEN_GUILLEMET + GUILLEMET_TAIL;
      from = i + 2;
      i++;
    }
  }
  return out + source.slice(from);
}

const PROTECTED = new RegExp(`${OPEN_GUILLEMET}${GUILLEMET_TAIL}?|${GUILLEMET_TAIL}`, "g");

/** Puts `<<` back into every string of the tree the typographer left (code, HTML, URLs, titles, alt text). */
export function restoreGuillemets(tree: Root): void {
  const walk = (node: Record<string, unknown>) => {
    for (const key of ["value", "url", "title", "alt"]) {
      const value = node[key];
      if (typeof value === "string" && value.includes(OPEN_GUILLEMET)) node[key] = value.replace(PROTECTED, (m) => (m.length === 2 ? "<<" : "<"));
    }
    const children = node.children;
    if (Array.isArray(children)) for (const child of children) walk(child as Record<string, unknown>);
  };
  walk(tree as unknown as Record<string, unknown>);
}

// Go's unicode and goldmark's util predicates, on code points.
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
const isGoPunct = (ch: string) => /\p{P}/u.test(ch);
const isGoSpace = (ch: string) => ch === "\u0085" || (ch !== "\uFEFF" && /\s/u.test(ch));
const isGoLetter = (ch: string) => /\p{L}/u.test(ch);
const isGoDigit = (ch: string) => /\p{Nd}/u.test(ch);
const isPunctRune = (ch: string) => (ch.length === 1 && ASCII_PUNCT.test(ch)) || isGoPunct(ch);
const isSpaceRune = (ch: string) => ch === "\t" || ch === "\n" || ch === "\r" || ch === " " || isGoSpace(ch);
const isAsciiPunctByte = (b: number) => b < 0x80 && ASCII_PUNCT.test(String.fromCharCode(b));
const isAsciiSpaceByte = (b: number) => b === 9 || b === 10 || b === 13 || b === 32;

/** The parser state goldmark keeps per block: open quotes, and where the block's inline text starts and ends. */
type Block = { single: number; double: number; start: number; end: number; lineFrom: number; lineEnd: number; runFrom: number; runEnd: number };

/** The code point at `at` in the source, read as goldmark's raw line would (a `<<` stand-in reads as `<`). */
function runeAt(src: string, at: number): string {
  const code = src.codePointAt(at);
  if (code === undefined) return " ";
  const ch = String.fromCodePoint(code);
  return ch === OPEN_GUILLEMET || ch === GUILLEMET_TAIL ? "<" : ch;
}

function runeBefore(src: string, at: number, block: Block): string {
  if (at <= block.start) return "\n";
  const low = src.charCodeAt(at - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && at >= 2 ? at - 2 : at - 1;
  return runeAt(src, start);
}

/** End of goldmark's `line` at `at`: past the newline, or the end of the block's text on its last line. */
function lineEnd(src: string, at: number, block: Block): number {
  if (at >= block.lineFrom && at < block.lineEnd) return block.lineEnd;
  const newline = src.indexOf("\n", at);
  work.steps += (newline === -1 ? src.length : newline) - at;
  block.lineFrom = at;
  block.lineEnd = newline === -1 || newline >= block.end ? block.end : newline + 1;
  return block.lineEnd;
}

/** The first bytes of the line's UTF-8 encoding (goldmark indexes `line[1]`, `line[2]` as bytes) and its length, capped. */
function lineBytes(src: string, at: number, end: number): { bytes: number[]; length: number } {
  const bytes = [...Buffer.from(src.slice(at, Math.min(end, at + 6)), "utf8")];
  return { bytes, length: end - at > 6 ? Math.max(bytes.length, 7) : bytes.length };
}

/** CommonMark's left/right flanking of the run of `c` at `at` (parser.ScanDelimiter). */
function flanking(src: string, at: number, end: number, before: string, block: Block): { canOpen: boolean; canClose: boolean } {
  const c = src[at];
  if (!(at >= block.runFrom && at < block.runEnd && src[block.runFrom] === c)) {
    let j = at;
    while (j < end && src[j] === c) j++;
    work.steps += j - at;
    block.runFrom = at;
    block.runEnd = j;
  }
  const after = block.runEnd < end ? runeAt(src, block.runEnd) : " ";
  const beforePunct = isPunctRune(before);
  const beforeSpace = isSpaceRune(before);
  const afterPunct = isPunctRune(after);
  const afterSpace = isSpaceRune(after);
  const canOpen = !afterSpace && (!afterPunct || beforeSpace || beforePunct);
  const canClose = !beforeSpace && (!beforePunct || afterSpace || afterPunct);
  return { canOpen, canClose };
}

type Substitution = { text: string; advance: number };

/** typographerParser.Parse at one trigger character, or null when goldmark leaves the character as it is. */
function substituteAt(src: string, at: number, block: Block): Substitution | null {
  const c = src[at]!;
  if (c === OPEN_GUILLEMET) return { text: "«", advance: 2 };
  const end = lineEnd(src, at, block);
  const { bytes, length } = lineBytes(src, at, end);
  const b = (k: number) => bytes[k] ?? -1;
  const is = (k: number, ch: string) => b(k) === ch.charCodeAt(0);
  if (length > 2) {
    if (c === "-" && is(1, "-") && is(2, "-")) return { text: "—", advance: 3 };
    if (c === ".") return is(1, ".") && is(2, ".") ? { text: "…", advance: 3 } : null;
  }
  if (length > 1) {
    if (c === "<") return null;
    if (c === ">") return is(1, ">") ? { text: "»", advance: 2 } : null;
    if (c === "-" && is(1, "-")) return { text: "–", advance: 2 };
  }
  if (c !== "'" && c !== '"') return null;
  const before = runeBefore(src, at, block);
  const d = flanking(src, at, end, before, block);
  const next = length > 1 ? runeAt(src, at + 1) : " ";
  const closes = () => {
    const isClose = d.canClose && !d.canOpen;
    const maybeClose =
      d.canClose && d.canOpen && length > 1 && isGoPunct(next) && (length === 2 || (length > 2 && isAsciiPunctByte(b(2))) || isAsciiSpaceByte(b(2)));
    return isClose || maybeClose;
  };
  if (c === "'") {
    const digit = (k: number) => b(k) >= 0x30 && b(k) <= 0x39;
    // Decades: '90s.
    if (d.canOpen && !d.canClose && length > 3 && digit(1) && digit(2) && is(3, "s")) {
      const after = length > 4 ? runeAt(src, at + 4) : " ";
      if (length === 3 || isSpaceRune(after) || isPunctRune(after)) return { text: "’", advance: 1 };
    }
    // 'twas, 'em, 'n', 'll.
    if (length > 1 && (isGoPunct(before) || isGoSpace(before)) && (is(1, "t") || is(1, "e") || is(1, "n") || is(1, "l"))) return { text: "’", advance: 1 };
    // Between a letter or digit and a letter: it's, don't.
    if (length > 1 && (isGoDigit(before) || isGoLetter(before)) && isGoLetter(next)) return { text: "’", advance: 1 };
    if (d.canOpen && !d.canClose) {
      const endsWord = (k: number) => length < k + 1 || isAsciiPunctByte(b(k)) || isAsciiSpaceByte(b(k));
      let right = length > 1 && (is(1, "s") || is(1, "m") || is(1, "t") || is(1, "d")) && endsWord(2);
      if (length > 2 && ((is(1, "v") && is(2, "e")) || (is(1, "l") && is(2, "l")) || (is(1, "r") && is(2, "e"))) && endsWord(3)) right = true;
      if (!right) block.single++;
      return { text: right ? "’" : "‘", advance: 1 };
    }
    // goldmark tests the quote itself for punctuation here, so this is any quote with two more bytes on its line.
    if (length > 2 && !isGoDigit(next)) return { text: "’", advance: 1 };
    if (block.single > 0 && closes()) {
      block.single--;
      return { text: "’", advance: 1 };
    }
    return null;
  }
  if (d.canOpen && !d.canClose) {
    block.double++;
    return { text: "“", advance: 1 };
  }
  if (block.double > 0 && closes()) {
    if (is(1, '"') && isGoDigit(before)) return null;
    block.double--;
    return { text: "”", advance: 1 };
  }
  return null;
}

const TRIGGERS = new Set(["'", '"', "-", ".", "<", ">", OPEN_GUILLEMET]);
const ENTITY = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/;

/** The characters an entity at `at` decodes to (CommonMark's rules), with its length in the source. */
function entityAt(src: string, at: number): { decoded: string; length: number } | null {
  const match = ENTITY.exec(src.slice(at, at + 40));
  if (!match) return null;
  if (match[3] !== undefined) {
    const decoded = decodeNamedCharacterReference(match[3]);
    return decoded === false ? null : { decoded, length: match[0].length };
  }
  const code = match[1] !== undefined ? Number.parseInt(match[1], 10) : Number.parseInt(match[2]!, 16);
  const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return { decoded: valid ? String.fromCodePoint(code) : "\uFFFD", length: match[0].length };
}

/**
 * The typographed value of one text node: walks its decoded value and its source side by side, so escapes and
 * entities are taken literally and each trigger is judged on the raw line. Whatever cannot be matched up (a
 * container prefix, stripped spaces) is copied from the value as it is: text is never lost.
 */
function typographText(node: Text, src: string, block: Block): string {
  const value = node.value;
  const from = node.position?.start.offset;
  const to = node.position?.end.offset;
  if (from === undefined || to === undefined) return value;
  let out = "";
  let i = 0;
  let j = from;
  while (i < value.length) {
    work.steps++;
    if (j >= to) return out + value.slice(i);
    const v = value[i]!;
    const s = src[j]!;
    if (s === "\\" && j + 1 < to && ASCII_PUNCT.test(src[j + 1]!) && v === src[j + 1]) {
      out += v;
      i += 1;
      j += 2;
      continue;
    }
    if (s === "&" && v !== "&") {
      const entity = entityAt(src, j);
      if (entity && value.startsWith(entity.decoded, i)) {
        out += entity.decoded;
        i += entity.decoded.length;
        j += entity.length;
        continue;
      }
    }
    if (v === "\n") {
      out += v;
      i += 1;
      const newline = src.indexOf("\n", j);
      work.steps += (newline === -1 ? to : newline) - j;
      j = newline === -1 || newline >= to ? to : newline + 1;
      while (j < to && src[j] !== value[i] && (src[j] === " " || src[j] === "\t" || src[j] === ">")) j++;
      continue;
    }
    if (s !== v) {
      if (s === " " || s === "\t" || s === "\r") j += 1;
      else {
        out += v;
        i += 1;
        j += 1;
      }
      continue;
    }
    const substitution = TRIGGERS.has(s) ? substituteAt(src, j, block) : null;
    if (substitution) {
      out += substitution.text;
      i += substitution.advance;
      j += substitution.advance;
    } else {
      out += v === GUILLEMET_TAIL ? "<" : v;
      i += 1;
      j += 1;
    }
  }
  return out;
}

// Blocks whose inline content goldmark parses (and whose quote counts it resets at their end).
const INLINE_BLOCKS = new Set(["paragraph", "heading", "tableCell", "defListTerm"]);
// Inline nodes the typographer never enters: code, raw HTML, and autolinks (linkify consumes the URL first).
const OPAQUE = new Set(["inlineCode", "code", "html", "mdxTextExpression", "mdxFlowExpression"]);

function isAutolink(node: Nodes, src: string): boolean {
  const start = node.position?.start.offset;
  return node.type === "link" && start !== undefined && src[start] !== "[";
}

function typographInline(node: Nodes, src: string, block: Block): void {
  if (node.type === "text") {
    node.value = typographText(node, src, block);
    return;
  }
  if (OPAQUE.has(node.type) || isAutolink(node, src) || !("children" in node)) return;
  for (const child of node.children) typographInline(child, src, block);
}

/** The end of a block's inline text in the source: a heading's `{#id}` attribute, stripped earlier, is not part of it. */
export type InlineEndData = { folioInlineEnd?: number };

function typographBlock(node: Parents, src: string): void {
  const first = node.children[0]?.position?.start.offset;
  const last = node.children.at(-1)?.position?.end.offset;
  if (first === undefined || last === undefined) return;
  const end = (node.data as InlineEndData | undefined)?.folioInlineEnd ?? last;
  const block: Block = { single: 0, double: 0, start: first, end, lineFrom: -1, lineEnd: -1, runFrom: -1, runEnd: -1 };
  for (const child of node.children) typographInline(child, src, block);
}

/** Applies the typographer to every block of the tree, in place. `src` is the exact text the tree was parsed from. */
export function typographTree(tree: Root, src: string): void {
  const walk = (node: Nodes) => {
    if (INLINE_BLOCKS.has(node.type)) typographBlock(node as Parents, src);
    else if ("children" in node && !OPAQUE.has(node.type)) for (const child of node.children) walk(child);
  };
  walk(tree);
}

/** Remark plugin: the typographer, then `<<` put back where it was not a guillemet. */
export function remarkTypographer() {
  return (tree: Root, file: { value: unknown }) => {
    typographTree(tree, String(file.value));
    restoreGuillemets(tree);
  };
}
