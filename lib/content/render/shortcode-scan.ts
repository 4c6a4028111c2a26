import { work } from "./work";

/**
 * Hugo shortcode tags (`{{< name params >}}`, `{{% name %}}`, closing `{{< /name >}}`, self-closing `/>}}`, and the
 * escaped form, a comment just inside the delimiters, that prints the tag itself) found in one linear pass over
 * untrusted text. Bounded: a tag is at most MAX_TAG_CHARS long and holds no `{{`, at most MAX_SHORTCODES tags are read, and each search for a closing
 * delimiter resumes where the last one stopped, so no input makes the scan quadratic.
 */

export const MAX_TAG_CHARS = 2000;
export const MAX_SHORTCODES = 5000;

export type ShortcodeParam = { name?: string; value: string };

/** One tag as written: where it is (offsets and line), its delimiter, name, parameters and kind. */
export type ShortcodeTag = {
  start: number;
  end: number;
  line: number;
  markdown: boolean;
  name: string;
  closing: boolean;
  selfClosing: boolean;
  params: ShortcodeParam[];
};

/** A piece of the scanned text: literal text (escaped tags already printed as text), a tag, or a broken opener. */
export type ScanPiece = { kind: "text"; text: string } | { kind: "tag"; tag: ShortcodeTag } | { kind: "broken"; line: number };

const NAME = /^[A-Za-z0-9_][\w./-]*$/;
const REST_IS_SPACE = /\s*$/y;
const TOKEN = /\s*(?:([A-Za-z_][\w-]*)=)?(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|([^\s"`=]+))/y;

/** The parameters and name inside a tag's delimiters, or null when it is not a well-formed tag. */
export function parseTagInside(inside: string): Pick<ShortcodeTag, "name" | "closing" | "selfClosing" | "params"> | null {
  let body = inside.trim();
  const closing = body.startsWith("/");
  if (closing) body = body.slice(1).trimStart();
  const selfClosing = !closing && body.endsWith("/");
  if (selfClosing) body = body.slice(0, -1).trimEnd();
  const name = /^\S+/.exec(body)?.[0] ?? "";
  if (!NAME.test(name)) return null;
  const params: ShortcodeParam[] = [];
  let at = name.length;
  while (at < body.length) {
    REST_IS_SPACE.lastIndex = at;
    if (REST_IS_SPACE.test(body)) break;
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(body);
    if (!match || match[0].length === 0) return null;
    at = TOKEN.lastIndex;
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, "$1") : (match[3] ?? match[4] ?? "");
    params.push(match[1] ? { name: match[1], value } : { value });
  }
  if (closing && params.length > 0) return null;
  return { name, closing, selfClosing, params };
}

/**
 * Splits text into literal text and shortcode tags. Escaped tags become their text (the tag without its comment marks);
 * an opener without a well-formed tag after it is reported as broken and printed as nothing, so no `{{<` of a
 * shortcode Folio did not understand ever reaches a reader.
 */
export function scanShortcodes(source: string): ScanPiece[] {
  const pieces: ScanPiece[] = [];
  const nextClose = new Map<string, number>();
  const closeAfter = (delimiter: string, from: number) => {
    const known = nextClose.get(delimiter);
    if (known !== undefined && (known === -1 || known >= from)) return known;
    const found = source.indexOf(delimiter, from);
    work.steps += (found === -1 ? source.length : found) - from;
    nextClose.set(delimiter, found);
    return found;
  };
  let line = 1;
  let lineCountedTo = 0;
  const lineAt = (offset: number) => {
    for (let i = source.indexOf("\n", lineCountedTo); i !== -1 && i < offset; i = source.indexOf("\n", i + 1)) line++;
    lineCountedTo = Math.max(lineCountedTo, offset);
    return line;
  };
  let textFrom = 0;
  let tags = 0;
  let at = source.indexOf("{{");
  while (at !== -1 && tags < MAX_SHORTCODES) {
    work.steps++;
    const mark = source[at + 2];
    if (mark !== "<" && mark !== "%") {
      at = source.indexOf("{{", at + 2);
      continue;
    }
    const escaped = source.startsWith("/*", at + 3);
    const closeMark = mark === "<" ? ">" : "%";
    const delimiter = escaped ? `*/${closeMark}}}` : `${closeMark}}}`;
    const innerFrom = at + (escaped ? 5 : 3);
    const close = closeAfter(delimiter, innerFrom);
    const nested = close === -1 ? -1 : source.indexOf("{{", innerFrom);
    work.steps += close === -1 ? 0 : (nested === -1 ? source.length : nested) - innerFrom;
    const inside = close === -1 || close - at > MAX_TAG_CHARS || (nested !== -1 && nested < close) ? null : source.slice(innerFrom, close);
    const parsed = inside === null ? null : parseTagInside(inside);
    if (textFrom < at) pieces.push({ kind: "text", text: source.slice(textFrom, at) });
    if (parsed && escaped) {
      pieces.push({ kind: "text", text: `{{${mark}${inside}${closeMark}}}` });
    } else if (parsed) {
      tags++;
      pieces.push({ kind: "tag", tag: { start: at, end: close + delimiter.length, line: lineAt(at), markdown: mark === "%", ...parsed } });
    } else {
      pieces.push({ kind: "broken", line: lineAt(at) });
      textFrom = at + 3;
      at = source.indexOf("{{", at + 3);
      continue;
    }
    textFrom = close + delimiter.length;
    at = source.indexOf("{{", textFrom);
  }
  if (textFrom < source.length) pieces.push({ kind: "text", text: source.slice(textFrom) });
  return pieces;
}

/** The ref, relref and param shortcodes of a body, for the main thread to resolve (see ShortcodeValues). */
export function shortcodeLookups(source: string): { refs: string[]; params: string[] } {
  const refs = new Set<string>();
  const params = new Set<string>();
  for (const piece of scanShortcodes(source)) {
    if (piece.kind !== "tag" || piece.tag.closing) continue;
    const first = piece.tag.params[0]?.value;
    if (first === undefined) continue;
    if (piece.tag.name === "ref" || piece.tag.name === "relref") refs.add(`${piece.tag.name}:${first}`);
    if (piece.tag.name === "param") params.add(first);
  }
  return { refs: [...refs], params: [...params] };
}
