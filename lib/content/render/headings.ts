import type { Heading as MdastHeading, Root, Text } from "mdast";
import { visit } from "unist-util-visit";
import type { HeadingIdStyle } from "@/lib/config/heading-ids";
import type { InlineEndData } from "./typographer";
import { work } from "./work";

/**
 * Headings as Hugo 0.111 writes them: `{#id .class key="value"}` at the end of a heading sets its attributes
 * (markup.goldmark.parser.attribute.title, on by default), and every other heading gets an id made from its raw
 * source line the way the site's `markup.goldmark.parser.autoHeadingIDType` says (`github`, the default,
 * `github-ascii` or `blackfriday`: Hugo's markup/goldmark/autoid.go), duplicates suffixed.
 */


type HeadingData = InlineEndData & { hProperties?: Record<string, unknown>; folioRawText?: string; folioExplicitId?: boolean };

const ATTRIBUTE = /\s*(?:#([^\s#.{}"'=]+)|\.([^\s#.{}"'=]+)|([A-Za-z_:][\w:.-]*)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`{}]+)))?)/y;

/** The attributes of a trailing `{...}`, or null when the braces do not hold a valid attribute list. */
export function parseAttributes(braces: string): Record<string, string | string[]> | null {
  if (!braces.startsWith("{") || !braces.endsWith("}")) return null;
  const inner = braces.slice(1, -1);
  const attributes: Record<string, string | string[]> = {};
  const classes: string[] = [];
  ATTRIBUTE.lastIndex = 0;
  let at = 0;
  while (at < inner.length) {
    if (/^\s*$/.test(inner.slice(at))) break;
    ATTRIBUTE.lastIndex = at;
    const match = ATTRIBUTE.exec(inner);
    if (!match || match[0].length === 0) return null;
    at = ATTRIBUTE.lastIndex;
    if (match[1] !== undefined) attributes.id = match[1];
    else if (match[2] !== undefined) classes.push(match[2]);
    else if (match[3] !== undefined) attributes[match[3]] = match[4] ?? match[5] ?? match[6] ?? "";
  }
  if (classes.length > 0) attributes.class = classes;
  return Object.keys(attributes).length > 0 ? attributes : null;
}

/** hast property names for attribute names (`class` → className, `data-x` → dataX). */
function toProperties(attributes: Record<string, string | string[]>): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "class") properties.className = value;
    else if (/^on/i.test(name) || name === "style") continue;
    else properties[name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  }
  return properties;
}

/**
 * Remark plugin: strips a trailing attribute list from each heading and keeps it for the HTML; records the raw
 * source line the id is made from. Runs before the typographer, which then ends the heading's text before the braces.
 */
export function remarkHeadingAttributes() {
  return (tree: Root, file: { value: unknown }) => {
    const src = String(file.value);
    visit(tree, "heading", (node: MdastHeading) => {
      const first = node.children[0]?.position?.start.offset;
      const last = node.children.at(-1)?.position?.end.offset;
      if (first === undefined || last === undefined) return;
      let raw = src.slice(first, last);
      // A setext heading's id comes from its last line, as goldmark's generateAutoHeadingID reads it.
      if (raw.includes("\n")) raw = raw.slice(raw.lastIndexOf("\n") + 1);
      const data: HeadingData = (node.data ??= {}) as HeadingData;
      const open = raw.lastIndexOf("{");
      const tail = node.children.at(-1);
      const attributes = open === -1 ? null : parseAttributes(raw.slice(open).trimEnd());
      if (attributes && tail?.type === "text" && tail.value.trimEnd().endsWith(raw.slice(open).trimEnd())) {
        const braces = raw.slice(open).trimEnd();
        const text = tail as Text;
        text.value = text.value.trimEnd().slice(0, -braces.length).trimEnd();
        if (text.value === "") node.children.pop();
        raw = raw.slice(0, open).trimEnd();
        let end = src.lastIndexOf("{", last - 1);
        while (end > first && /\s/.test(src[end - 1]!)) end--;
        data.folioInlineEnd = end;
        data.hProperties = { ...data.hProperties, ...toProperties(attributes) };
        data.folioExplicitId = typeof attributes.id === "string";
      }
      data.folioRawText = raw.trim();
    });
  };
}

/** Hugo's `github` anchor for a heading's raw text: `-` and spaces become `-`, letters, digits and `_` lower-cased, the rest dropped. */
export function githubAnchor(raw: string, asciiOnly = false): string {
  let out = "";
  for (const ch of raw.trim()) {
    if (asciiOnly && ch > "\x7f") continue;
    if (ch === "-" || /\s/u.test(ch)) out += "-";
    else if (ch === "_" || /[\p{L}\p{Nd}]/u.test(ch)) out += ch.toLowerCase();
  }
  return out;
}

/** Hugo's `github-ascii`: the `github` anchor of the text with its accents removed, and any other character beyond ASCII dropped. */
export function githubAsciiAnchor(raw: string): string {
  return githubAnchor(raw.normalize("NFD").replace(/\p{Mn}+/gu, ""), true);
}

/** Blackfriday's SanitizedAnchorName: runs of letters and numbers, lower-cased, joined by single hyphens (`Let's` → `let-s`). */
export function blackfridayAnchor(raw: string): string {
  return (raw.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join("-");
}

const ANCHORS: Record<HeadingIdStyle, (raw: string) => string> = { github: githubAnchor, "github-ascii": githubAsciiAnchor, blackfriday: blackfridayAnchor };

/**
 * Hugo's id factory for one page: an empty anchor is `heading`, a taken one gets `-1`, `-2`… (the first free).
 * Explicit `{#id}`s are neither changed nor registered, as in Hugo. Each base remembers its last suffix, so ten
 * thousand equal headings cost ten thousand steps, not fifty million.
 */
export function createIdFactory(style: HeadingIdStyle = "github") {
  const anchor = ANCHORS[style];
  const taken = new Set<string>();
  const nextSuffix = new Map<string, number>();
  return (raw: string): string => {
    work.steps++;
    const base = anchor(raw) || "heading";
    let id = base;
    if (taken.has(base)) {
      let n = nextSuffix.get(base) ?? 1;
      while (taken.has(`${base}-${n}`)) {
        n++;
        work.steps++;
      }
      nextSuffix.set(base, n + 1);
      id = `${base}-${n}`;
    }
    taken.add(id);
    return id;
  };
}

/** Remark plugin: gives every heading without an explicit id its Hugo id. */
export function remarkHeadingIds(style: HeadingIdStyle = "github") {
  return (tree: Root) => {
    const idFor = createIdFactory(style);
    visit(tree, "heading", (node: MdastHeading) => {
      const data: HeadingData = (node.data ??= {}) as HeadingData;
      if (data.folioExplicitId) return;
      data.hProperties = { ...data.hProperties, id: idFor(data.folioRawText ?? "") };
    });
  };
}
