import type { Nodes, Parents, PhrasingContent, Root, Text } from "mdast";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import MarkdownIt from "markdown-it";
import type { StateInline, Token } from "markdown-it";
import markdownItDeflist from "markdown-it-deflist";
import markdownItFootnote from "markdown-it-footnote";
import { parse, preprocess } from "micromark";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import { normalizeIdentifier } from "micromark-util-normalize-identifier";
import { MAX_BODY_NESTING } from "../nesting";
import { work } from "./work";

/**
 * The markdown parser: markdown-it (CommonMark, GFM tables and strikethrough, footnotes, definition lists) turned
 * into the mdast tree the rest of the pipeline works on, with the source position of every node, inline ones
 * included. markdown-it parses about fifteen times faster than micromark, and a post's render time was mostly
 * micromark's (docs/performance.md). The typographer, heading attributes and Goldmark's linkify read the source
 * around each text node, so positions are the point of this module: markdown-it gives lines to blocks only, and
 * every inline rule is wrapped here to record where its tokens start and end in the block's inline content, which
 * is then mapped back to the source line by line.
 */

type Span = { start: number; end: number };
type Positioned = Token & { folioSpan?: Span };
type SpannedState = StateInline & { folioPendingEnd?: number; folioPendingLength?: number };

// Folio refuses bodies nested deeper than MAX_BODY_NESTING containers; a list level is two of markdown-it's (list, item).
const md = new MarkdownIt("commonmark", { html: true, linkify: false, typographer: false, maxNesting: 2 * MAX_BODY_NESTING + 20 })
  .enable(["table", "strikethrough"])
  .use(markdownItFootnote)
  .use(markdownItDeflist);
// Footnote definitions stay where they are written (mdast's footnoteDefinition); `^[inline]` notes are not Goldmark's.
md.core.ruler.disable(["footnote_tail", "text_join"]);
md.inline.ruler.disable(["footnote_inline"]);
// Adjacent text tokens are joined here, with their spans (markdown-it's own join drops them).
md.inline.ruler2.disable(["fragments_join"]);
// URLs are kept as written (decoded): the HTML step encodes them, and rehypeSafeUrls judges them.
md.normalizeLink = (url: string) => url;
md.normalizeLinkText = (text: string) => text;
md.validateLink = () => true;

// Pending text is always the source just before the position where it was last extended.
const StateInlineClass = md.inline.State;
const pushPending = StateInlineClass.prototype.pushPending;
StateInlineClass.prototype.pushPending = function (this: SpannedState) {
  const length = this.pending.length;
  const trimmed = (this.folioPendingLength ?? length) - length;
  const end = (this.folioPendingEnd ?? this.pos) - trimmed;
  const token = pushPending.call(this) as Positioned;
  token.folioSpan = { start: end - length, end };
  return token;
};

function spanRule(rule: (state: StateInline, silent: boolean) => boolean) {
  return (state: SpannedState, silent: boolean): boolean => {
    const start = state.pos;
    const pending = state.pending;
    const first = state.tokens.length;
    const ok = rule(state, silent);
    if (!ok || silent) return ok;
    if (state.pending !== pending) {
      state.folioPendingEnd = state.pos;
      state.folioPendingLength = state.pending.length;
    }
    const tokens = state.tokens as Positioned[];
    let cursor = start;
    for (let i = first; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.folioSpan) {
        cursor = token.folioSpan.end;
        continue;
      }
      if (token.nesting === 1) {
        token.folioSpan = { start, end: state.pos };
        cursor = token.type === "link_open" && token.markup === "autolink" ? start + 1 : cursor;
      } else if (token.nesting === -1) token.folioSpan = { start: state.pos, end: state.pos };
      else if (token.type === "text" && (token.content === "*" || token.content === "_" || token.content === "~" || token.content === "~~")) {
        token.folioSpan = { start: cursor, end: cursor + token.content.length };
        cursor += token.content.length;
      } else if (token.type === "text" && tokens[i - 1]?.markup === "autolink") token.folioSpan = { start: start + 1, end: state.pos - 1 };
      else token.folioSpan = { start, end: state.pos };
    }
    return ok;
  };
}

/**
 * GFM's autolink literals that start with `http://`, `https://` or `www.`, taken where micromark takes them and as far
 * as it takes them (`*`, `_` and `[` inside a URL are the URL's, trailing punctuation is not): micromark's own
 * tokenizer is asked about the word at hand, so emphasis never splits a URL. The rest (emails, and a URL after a
 * character micromark does not accept before one) is left to mdast-util-gfm-autolink-literal's transform below.
 * The words micromark is shown are bounded in all to the length of the post (plus 64 KiB): past that (only a post built to make
 * micromark read the same text again and again gets there), the transform takes the rest.
 */
const LITERAL_START = /^(?:https?:\/\/|www\.)/i;
const literalParser = parse({ extensions: [gfmAutolinkLiteral()] });

/** How much of `text` micromark's text tokenizer takes as one autolink literal from its start (0: none). */
function literalLength(text: string): number {
  const tokenizer = literalParser.text({ line: 1, column: 1, offset: 0 });
  tokenizer.write(preprocess()(text, undefined, true));
  for (const [kind, token] of tokenizer.events) {
    if (kind === "enter" && token.type === "literalAutolink") return token.start.offset === 0 ? token.end.offset : 0;
  }
  return 0;
}

const isSpace = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || Number.isNaN(code);
// micromark's previousWww and previousProtocol.
const previousWww = (code: number) => isSpace(code) || code === 0x28 || code === 0x2a || code === 0x5f || code === 0x5b || code === 0x5d || code === 0x7e;
const previousProtocol = (code: number) => !((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a));

function isLiteralStart(src: string, pos: number): boolean {
  const code = src.charCodeAt(pos) | 0x20;
  return (code === 0x68 || code === 0x77) && LITERAL_START.test(src.slice(pos, pos + 8));
}

function literalAutolink(state: StateInline, silent: boolean): boolean {
  const pos = state.pos;
  if (state.linkLevel > 0 || !isLiteralStart(state.src, pos)) return false;
  const www = (state.src.charCodeAt(pos) | 0x20) === 0x77;
  const previous = pos === 0 ? Number.NaN : state.src.charCodeAt(pos - 1);
  if (!(www ? previousWww(previous) : previousProtocol(previous))) return false;
  const env = state.env as { folioLiteralBudget?: number };
  const limit = pos + Math.min(4096, env.folioLiteralBudget ?? 0);
  let end = pos;
  while (end < limit && end < state.posMax && !isSpace(state.src.charCodeAt(end))) end++;
  env.folioLiteralBudget! -= end - pos;
  work.steps += end - pos;
  if (end === limit) return false;
  const length = literalLength(state.src.slice(pos, end));
  if (length === 0) return false;
  if (!silent) {
    const text = state.src.slice(pos, pos + length);
    const open = state.push("link_open", "a", 1);
    open.attrs = [["href", www ? `http://${text}` : text]];
    open.markup = "linkify";
    open.info = "auto";
    state.push("text", "", 0).content = text;
    const close = state.push("link_close", "a", -1);
    close.markup = "linkify";
    close.info = "auto";
  }
  state.pos = pos + length;
  return true;
}

/** GFM strikethrough as Hugo sets it (no single tilde): a run of tildes other than two is text, as in micromark. */
const strikethrough = md.inline.ruler.__rules__.find((rule) => rule.name === "strikethrough")!.fn;
function tildes(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x7e) return false;
  let end = state.pos;
  while (state.src.charCodeAt(end) === 0x7e) end++;
  if (end - state.pos === 2) return strikethrough(state, silent);
  if (!silent) state.pending += state.src.slice(state.pos, end);
  state.pos = end;
  return true;
}
md.inline.ruler.at("strikethrough", tildes);

// markdown-it's text rule, stopping also where a URL may start, so the rule above sees it.
const TERMINATORS = new Set([0x0a, 0x21, 0x23, 0x24, 0x25, 0x26, 0x2a, 0x2b, 0x2d, 0x3a, 0x3c, 0x3d, 0x40, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f, 0x60, 0x7b, 0x7d, 0x7e]);
function text(state: StateInline, silent: boolean): boolean {
  let pos = state.pos;
  while (pos < state.posMax && !TERMINATORS.has(state.src.charCodeAt(pos)) && !(pos > state.pos && isLiteralStart(state.src, pos))) pos++;
  if (pos === state.pos) return false;
  if (!silent) state.pending += state.src.slice(state.pos, pos);
  state.pos = pos;
  return true;
}
md.inline.ruler.at("text", text);
md.inline.ruler.before("text", "literal_autolink", literalAutolink);

for (const rule of (md.inline.ruler as unknown as { __rules__: { fn: (state: StateInline, silent: boolean) => boolean }[] }).__rules__) rule.fn = spanRule(rule.fn);

// The inline parser's own loop extends the pending text one character at a time: recorded the same way.
md.inline.tokenize = function (state: SpannedState) {
  const rules = this.ruler.getRules("");
  const end = state.posMax;
  const maxNesting = state.md.options.maxNesting;
  while (state.pos < end) {
    let ok = false;
    if (state.level < maxNesting) {
      for (const rule of rules) {
        if ((ok = rule(state, false))) break;
      }
    }
    if (ok) {
      if (state.pos >= end) break;
      continue;
    }
    state.pending += state.src[state.pos++];
    state.folioPendingEnd = state.pos;
    state.folioPendingLength = state.pending.length;
  }
  if (state.pending) state.pushPending();
};

/** The index of the last of `sorted` (ascending, `sorted[0]` ≤ `value`) that is at most `value`: a binary search. */
function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (sorted[mid]! <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Each line's first offset in the source. */
function lineStarts(src: string): number[] {
  const starts = [0];
  for (let i = src.indexOf("\n"); i !== -1; i = src.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

type Point = { line: number; column: number; offset: number };

class Source {
  readonly starts: number[];
  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }
  point(offset: number): Point {
    const line = lastAtOrBefore(this.starts, offset);
    return { line: line + 1, column: offset - this.starts[line]! + 1, offset };
  }
  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    return next === undefined ? this.text.length : next - 1;
  }
  position(start: number, end: number) {
    return { start: this.point(start), end: this.point(end) };
  }
}

/**
 * Where each character of an inline token's content comes from in the source. The content is its block's lines
 * with container prefixes and indentation taken off (and, in a table cell, `\|` unescaped): each content line is
 * found on its source line as a suffix, or from a cursor, or else character by character.
 */
class ContentMap {
  private readonly lineOffsets: number[] = [];
  private readonly lineSource: number[] = [];
  // Per line: null when the line is found whole in the source, else the source offset of each of its characters.
  private readonly scanned: (number[] | null)[] = [];

  constructor(source: Source, content: string, firstLine: number, from: number) {
    let contentOffset = 0;
    const lines = content.split("\n");
    for (const [k, line] of lines.entries()) {
      const sourceLine = firstLine + k;
      const lineStart = k === 0 ? Math.max(from, source.starts[sourceLine] ?? from) : (source.starts[sourceLine] ?? source.text.length);
      const lineEnd = source.lineEnd(sourceLine);
      const text = source.text;
      this.lineOffsets.push(contentOffset);
      let found = -1;
      const suffixEnd = k === lines.length - 1 ? trimmedEnd(text, lineStart, lineEnd) : lineEnd;
      if (suffixEnd - line.length >= lineStart && text.startsWith(line, suffixEnd - line.length)) found = suffixEnd - line.length;
      else {
        const at = text.slice(lineStart, lineEnd).indexOf(line);
        if (at !== -1) found = lineStart + at;
      }
      if (found !== -1) {
        this.lineSource.push(found);
        this.scanned.push(null);
      } else {
        // Character by character (UTF-16 units, as offsets count): the content's in order, skipping what the source has besides.
        const map: number[] = [];
        let j = lineStart;
        for (let i = 0; i < line.length; i++) {
          const ch = line[i];
          work.steps++;
          while (j < lineEnd && text[j] !== ch) {
            j++;
            work.steps++;
          }
          map.push(Math.min(j, lineEnd));
          if (j < lineEnd) j++;
        }
        map.push(Math.min(j, lineEnd));
        this.lineSource.push(lineStart);
        this.scanned.push(map);
      }
      contentOffset += line.length + 1;
    }
  }

  toSource(offset: number): number {
    const line = lastAtOrBefore(this.lineOffsets, offset);
    const within = offset - this.lineOffsets[line]!;
    const map = this.scanned[line];
    if (map) return map[Math.min(within, map.length - 1)]!;
    return this.lineSource[line]! + within;
  }
}

function trimmedEnd(text: string, start: number, end: number): number {
  while (end > start && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
  return end;
}

type Frame = { node: Parents; token: Token | undefined };

/** markdown-it's tokens as mdast, positioned in `src`. */
function toMdast(tokens: Token[], source: Source): Root {
  const root: Root = { type: "root", children: [], position: source.position(0, source.text.length) };
  const stack: Frame[] = [{ node: root, token: undefined }];
  const top = () => stack[stack.length - 1]!.node;
  const open = (node: Parents, token: Token) => {
    (top().children as Nodes[]).push(node);
    stack.push({ node, token });
  };
  const blockPosition = (token: Token) => {
    if (!token.map) return undefined;
    const start = source.starts[token.map[0]] ?? source.text.length;
    const end = source.lineEnd(Math.max(token.map[0], token.map[1] - 1));
    return source.position(start, end);
  };
  const rowCursor = new Map<number, number>();

  for (const token of tokens) {
    work.steps++;
    switch (token.type) {
      case "paragraph_open":
        open({ type: "paragraph", children: [], position: blockPosition(token) }, token);
        break;
      case "heading_open":
        open({ type: "heading", depth: Number(token.tag.slice(1)) as 1, children: [], position: blockPosition(token) }, token);
        break;
      case "blockquote_open":
        open({ type: "blockquote", children: [], position: blockPosition(token) }, token);
        break;
      case "bullet_list_open":
      case "ordered_list_open": {
        const start = attr(token, "start");
        const ordered = token.type === "ordered_list_open";
        open({ type: "list", ordered, start: ordered ? (start === null ? 1 : Number(start)) : null, spread: false, children: [], position: blockPosition(token) }, token);
        break;
      }
      case "list_item_open":
        open({ type: "listItem", spread: false, checked: null, children: [], position: blockPosition(token) }, token);
        break;
      case "table_open":
        open({ type: "table", align: [], children: [], position: blockPosition(token) }, token);
        break;
      case "tr_open":
        open({ type: "tableRow", children: [], position: blockPosition(token) }, token);
        break;
      case "th_open":
      case "td_open": {
        // The header row's cells give the columns' alignment (markdown-it writes it as a style).
        const align = /text-align:(left|right|center)/.exec(attr(token, "style") ?? "")?.[1] as "left" | "right" | "center" | undefined;
        const table = stack.at(-2)?.node;
        if (token.type === "th_open" && table?.type === "table") (table.align ??= []).push(align ?? null);
        open({ type: "tableCell", children: [], position: blockPosition(token) }, token);
        break;
      }
      case "dl_open":
        open({ type: "defList", children: [], position: blockPosition(token) } as unknown as Parents, token);
        break;
      case "dt_open":
        open({ type: "defListTerm", children: [], position: blockPosition(token) } as unknown as Parents, token);
        break;
      case "dd_open":
        open({ type: "defListDescription", spread: false, children: [], position: blockPosition(token) } as unknown as Parents, token);
        break;
      case "footnote_reference_open": {
        const label = String((token.meta as { label: string }).label);
        open({ type: "footnoteDefinition", identifier: normalizeIdentifier(label).toLowerCase(), label, children: [], position: blockPosition(token) }, token);
        break;
      }
      case "paragraph_close":
      case "heading_close":
      case "blockquote_close":
      case "bullet_list_close":
      case "ordered_list_close":
      case "list_item_close":
      case "table_close":
      case "tr_close":
      case "th_close":
      case "td_close":
      case "dl_close":
      case "dt_close":
      case "dd_close":
      case "footnote_reference_close":
        closeFrame(stack.pop()!);
        break;
      case "thead_open":
      case "thead_close":
      case "tbody_open":
      case "tbody_close":
        break;
      case "inline": {
        const parent = top();
        const line = token.map?.[0] ?? stack.findLast((frame) => frame.node.type === "tableRow")?.token?.map?.[0] ?? 0;
        const from = rowCursor.get(line) ?? source.starts[line] ?? 0;
        // An ATX heading's text starts past its `#`s; a setext heading's is a paragraph's, which may start with `#`.
        const atx = parent.type === "heading" && stack.at(-1)?.token?.markup.startsWith("#") === true;
        const map = new ContentMap(source, token.content, line, atx ? headingContentStart(source, line) : from);
        const children = inlineToMdast(token.children ?? [], map, source);
        for (const child of children) (parent.children as Nodes[]).push(child);
        if (parent.type === "tableCell") {
          const end = children.at(-1)?.position?.end.offset;
          if (end !== undefined) rowCursor.set(line, end);
        }
        break;
      }
      case "fence":
      case "code_block": {
        // The info string's escapes and entities are decoded, as CommonMark says (markdown-it leaves that to its renderer).
        const info = md.utils.unescapeAll(token.info).trim();
        const space = info.search(/\s/);
        const lang = info === "" ? null : space === -1 ? info : info.slice(0, space);
        const meta = space === -1 ? null : info.slice(space).trim() || null;
        (top().children as Nodes[]).push({ type: "code", lang: token.type === "fence" ? lang : null, meta: token.type === "fence" ? meta : null, value: token.content.replace(/\n$/, ""), position: blockPosition(token) });
        break;
      }
      case "hr":
        (top().children as Nodes[]).push({ type: "thematicBreak", position: blockPosition(token) });
        break;
      case "html_block":
        (top().children as Nodes[]).push({ type: "html", value: token.content.replace(/\n$/, ""), position: blockPosition(token) });
        break;
      default:
        break;
    }
  }
  return root;
}

function attr(token: Token, name: string): string | null {
  const value = token.attrGet(name);
  return value === null ? null : String(value);
}

/** The offset where an ATX heading's text may start: past its opening `#`s. */
function headingContentStart(source: Source, line: number): number {
  const text = source.text;
  let at = source.starts[line] ?? 0;
  while (text[at] === " " || text[at] === "\t" || text[at] === ">") at++;
  while (text[at] === "#") at++;
  return at;
}

/** Closing a block: lists and items learn whether they are loose, as markdown-it decided (tight paragraphs are hidden). */
function closeFrame(frame: Frame): void {
  const node = frame.node as Parents & { spread?: boolean };
  if (node.type === "list") {
    const loose = node.children.some((item) => (item as Parents).children.some((child) => child.type === "paragraph" && !(child as { folioHidden?: boolean }).folioHidden));
    node.spread = loose;
    for (const item of node.children) (item as { spread?: boolean }).spread = loose;
    for (const item of node.children) taskItem(item as Parents & { checked?: boolean | null });
  }
  if (node.type === "paragraph" && frame.token?.hidden) (node as { folioHidden?: boolean }).folioHidden = true;
  if ((node.type as string) === "defListDescription") (node as { spread?: boolean }).spread = node.children.some((child) => child.type === "paragraph" && !(child as { folioHidden?: boolean }).folioHidden);
  if (node.position && node.children.length > 0) {
    const last = node.children.at(-1)?.position?.end;
    if (last && last.offset! > node.position.end.offset!) node.position.end = last;
  }
}

/**
 * GFM's task list item: `[ ]` or `[x]` opening an item's first paragraph, then a space, a tab or a line ending. As in
 * micromark, something must follow it in the paragraph, and the marker goes with one whitespace character after it.
 */
function taskItem(item: Parents & { checked?: boolean | null }): void {
  const paragraph = item.children[0];
  if (paragraph?.type !== "paragraph") return;
  const text = paragraph.children[0];
  if (text?.type !== "text") return;
  const match = /^\[([ \tXx])\][ \t\n]/.exec(text.value);
  if (!match || (text.value[3] !== "\n" && text.value.slice(4).trim() === "" && paragraph.children.length === 1)) return;
  item.checked = match[1] === "x" || match[1] === "X";
  text.value = text.value.slice(4);
  if (text.position) text.position.start = { ...text.position.start, offset: text.position.start.offset! + 4, column: text.position.start.column + 4 };
  if (text.value === "") paragraph.children.shift();
}

/** The text of a run of tokens, for an image's alt. */
function plainOf(tokens: Token[]): string {
  let out = "";
  for (const token of tokens) {
    if (token.type === "text" || token.type === "text_special" || token.type === "code_inline") out += token.content;
    else if (token.type === "softbreak" || token.type === "hardbreak") out += "\n";
    else if (token.type === "image") out += plainOf(token.children ?? []);
  }
  return out;
}

type InlineFrame = { node: Parents; closeType: string };

function inlineToMdast(tokens: Token[], map: ContentMap, source: Source): PhrasingContent[] {
  const root = { type: "paragraph", children: [] as PhrasingContent[] } as unknown as Parents;
  const stack: InlineFrame[] = [{ node: root, closeType: "" }];
  const at = (offset: number) => source.point(map.toSource(offset));
  const positionOf = (span: Span | undefined) => (span ? { start: at(span.start), end: at(span.end) } : undefined);
  let text: Text | undefined;
  const push = (node: PhrasingContent) => {
    (stack[stack.length - 1]!.node.children as PhrasingContent[]).push(node);
    text = undefined;
  };
  const addText = (value: string, span: Span | undefined) => {
    if (text && span && text.position) {
      text.value += value;
      text.position.end = at(span.end);
      return;
    }
    const node: Text = { type: "text", value, position: positionOf(span) };
    push(node);
    text = node;
  };
  let lastClosed: Parents | undefined;
  let openFrom: number | undefined;
  const list = tokens as Positioned[];
  for (const [i, token] of list.entries()) {
    const span = token.folioSpan;
    work.steps++;
    if (token.nesting !== -1 && token.content !== "") lastClosed = undefined;
    switch (token.type) {
      case "text":
      case "text_special":
        if (token.content === "") {
          // The outer delimiter of `**`/`__`: markdown-it leaves it as an empty token beside strong_open or strong_close.
          if (span && list[i + 1]?.nesting === 1) openFrom = span.start;
          else if (span && lastClosed?.position) lastClosed.position.end = at(span.end);
          break;
        }
        addText(token.content, span);
        break;
      case "softbreak":
        addText("\n", span);
        break;
      case "hardbreak":
        push({ type: "break", position: positionOf(span) });
        break;
      case "code_inline":
        push({ type: "inlineCode", value: token.content, position: positionOf(span) });
        break;
      case "html_inline":
        push({ type: "html", value: token.content, position: positionOf(span) });
        break;
      case "image":
        push({ type: "image", url: attr(token, "src") ?? "", alt: plainOf(token.children ?? []), title: attr(token, "title"), position: positionOf(span) });
        break;
      case "footnote_ref": {
        const label = String((token.meta as { label: string }).label);
        push({ type: "footnoteReference", identifier: normalizeIdentifier(label).toLowerCase(), label, position: positionOf(span) });
        break;
      }
      case "em_open":
      case "strong_open":
      case "s_open":
      case "link_open": {
        const type = token.type === "em_open" ? "emphasis" : token.type === "strong_open" ? "strong" : token.type === "s_open" ? "delete" : "link";
        const node = (type === "link" ? { type, url: attr(token, "href") ?? "", title: attr(token, "title"), children: [] } : { type, children: [] }) as Parents;
        node.position = positionOf(span && openFrom !== undefined ? { start: openFrom, end: span.end } : span);
        openFrom = undefined;
        push(node as PhrasingContent);
        stack.push({ node, closeType: token.type.replace("_open", "_close") });
        break;
      }
      case "em_close":
      case "strong_close":
      case "s_close":
      case "link_close": {
        const frame = stack.pop()!;
        if (frame.node.position && span) frame.node.position.end = at(span.end);
        lastClosed = frame.node;
        text = undefined;
        break;
      }
      default:
        break;
    }
  }
  return root.children as PhrasingContent[];
}

/** Text that may hold an autolink literal (the transform's own patterns all need one of these). */
const MAY_LINK = /https?:\/\/|www\.|@/i;

const [autolinkLiterals] = gfmAutolinkLiteralFromMarkdown().transforms as [(tree: Root) => void];


type Original = { node: Text; value: string; start: number; end: number };

/**
 * GFM's autolink literals (`www.`, `https://`, emails), found in the text as mdast-util-gfm-autolink-literal finds
 * them, run only on the blocks whose text may hold one, with positions given back to the pieces it makes (it makes
 * them without).
 */
function linkLiterals(tree: Root, source: Source): void {
  const candidates = new Map<Parents, Original[]>();
  const walk = (node: Parents) => {
    for (const child of node.children) {
      if (child.type === "text") {
        if (child.position && MAY_LINK.test(child.value)) {
          const list = candidates.get(node) ?? [];
          list.push({ node: child, value: child.value, start: child.position.start.offset!, end: child.position.end.offset! });
          candidates.set(node, list);
        }
      } else if ("children" in child && child.type !== "link" && child.type !== "linkReference") walk(child as Parents);
    }
  };
  walk(tree);
  for (const [parent, originals] of candidates) {
    autolinkLiterals(parent as unknown as Root);
    // A text node the transform replaced became a run of new nodes without positions, in its place and order.
    let k = 0;
    let i = 0;
    while (i < parent.children.length && k < originals.length) {
      const child = parent.children[i]!;
      if (child === originals[k]!.node) k++;
      if (child.position || (child.type !== "text" && child.type !== "link")) {
        i++;
        continue;
      }
      const original = originals[k++]!;
      const offset = offsetsOf(original, source.text);
      let cursor = 0;
      while (i < parent.children.length && !parent.children[i]!.position) {
        const piece = parent.children[i]!;
        const length = piece.type === "text" ? piece.value.length : (((piece as Parents).children[0] as Text | undefined)?.value.length ?? 0);
        const position = source.position(offset(cursor), offset(cursor + length));
        piece.position = position;
        if ("children" in piece) for (const inner of piece.children) inner.position = position;
        cursor += length;
        i++;
      }
    }
  }
}

/**
 * Source offsets of a text node's characters, asked in increasing order: exact when the value is its source, else
 * found by walking value and source together from where the last answer left off (escapes, entities and line
 * prefixes make the source longer than the value). Linear in the node, however many pieces it is cut into.
 */
function offsetsOf(original: Original, src: string): (index: number) => number {
  if (original.end - original.start === original.value.length && src.startsWith(original.value, original.start)) return (index) => original.start + index;
  let i = 0;
  let j = original.start;
  return (index) => {
    while (i < index && j < original.end) {
      const ch = original.value[i];
      work.steps++;
      while (j < original.end && src[j] !== ch) {
        j++;
        work.steps++;
      }
      j++;
      i++;
    }
    return Math.min(j, original.end);
  };
}

/** Parses markdown (line endings normalized) to mdast with positions. */
export function parseMarkdown(src: string): Root {
  const source = new Source(src);
  const tokens = md.parse(src, { folioLiteralBudget: src.length + 65_536 });
  const tree = toMdast(tokens, source);
  linkLiterals(tree, source);
  return tree;
}

/** unified parser plugin: markdown-it instead of remark-parse. */
export function remarkMarkdownIt(this: { parser?: unknown }) {
  this.parser = (doc: string) => parseMarkdown(doc);
}

