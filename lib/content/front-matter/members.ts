/**
 * Where each top-level field of the front matter is written, as index ranges into the file's text: what a surgical
 * writer replaces, and the line an error points at. YAML's come from the `yaml` parser's own ranges; TOML and JSON
 * have no such parser here, so two small scanners find them (the real parsers still decide what the values are).
 */
import { isMap, isScalar, type Document } from "yaml";

/** One top-level `key = value` of the front matter. Indices are into the whole file's text. */
export type Member = {
  key: string;
  /** 1-based file line of the key. */
  line: number;
  /** Start of the line that holds the key. */
  lineStart: number;
  keyStart: number;
  /** The value's text is `text.slice(valueStart, valueEnd)` (without a trailing comment). */
  valueStart: number;
  valueEnd: number;
  /** Just past the line ending of the member's last line. */
  end: number;
  /**
   * Whether a writer may replace the value in place: false for TOML dotted keys and tables (`a.b = 1`, `[params]`)
   * and YAML keys that are not plain scalars, which a line edit cannot change safely.
   */
  editable: boolean;
  /** A TOML table header (`[params]`, `[[resources]]`): everything after it is outside the root table. */
  table?: true;
};

export type ScanError = { message: string; at: number };

/** Index of the next line's start after `at` (or the text's end). */
export function nextLine(text: string, at: number): number {
  const lf = text.indexOf("\n", at);
  return lf === -1 ? text.length : lf + 1;
}

/** Index of the start of the line holding `at`. */
export function lineStartOf(text: string, at: number): number {
  return text.lastIndexOf("\n", at - 1) + 1;
}

/** Top-level members of a YAML document parsed from `text.slice(offset, …)`. */
export function yamlMembers(doc: Document, text: string, offset: number, lineOf: (at: number) => number): Member[] {
  if (!isMap(doc.contents)) return [];
  return doc.contents.items.flatMap((pair) => {
    const key = pair.key;
    if (!isScalar(key) || !key.range) return [];
    const keyStart = offset + key.range[0];
    const value = pair.value as { range?: [number, number, number] } | null;
    const [vStart, vEnd] = value?.range ?? [key.range[1], key.range[1]];
    const valueEnd = offset + vEnd;
    const lineStart = lineStartOf(text, keyStart);
    return [{
      key: String(key.value),
      line: lineOf(keyStart),
      lineStart,
      keyStart,
      valueStart: offset + vStart,
      valueEnd,
      // A block scalar's value ends just past its last line ending, a flow value at its last character.
      end: nextLine(text, Math.max(keyStart, valueEnd - 1)),
      editable: keyStart === lineStart && (key.type === "PLAIN" || key.type === "QUOTE_DOUBLE" || key.type === "QUOTE_SINGLE"),
    }];
  });
}

const TOML_KEY = /[ \t]*((?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')(?:[ \t]*\.[ \t]*(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'))*)[ \t]*=[ \t]*/y;
const TOML_TABLE = /[ \t]*\[\[?[ \t]*((?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'))/y;

const KEY_SEGMENT = /[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'/g;

function unquoteTomlKey(raw: string): string {
  if (raw.startsWith('"')) return JSON.parse(raw) as string;
  if (raw.startsWith("'")) return raw.slice(1, -1);
  return raw;
}

/** Index just past a TOML string starting at `at` (basic, literal, or their multi-line forms); -1 when unclosed. */
function skipTomlString(text: string, at: number, end: number): number {
  const quote = text[at]!;
  const triple = text.startsWith(quote.repeat(3), at);
  if (triple) {
    let i = at + 3;
    for (; i < end; i++) {
      if (quote === '"' && text[i] === "\\") i++;
      else if (text.startsWith(quote.repeat(3), i)) {
        // Up to two quotes may end the content itself: `"""a""""` is `a"`.
        let close = i + 3;
        while (close < end && text[close] === quote && close - i < 5) close++;
        return close;
      }
    }
    return -1;
  }
  for (let i = at + 1; i < end; i++) {
    if (text[i] === "\n") return -1;
    if (quote === '"' && text[i] === "\\") i++;
    else if (text[i] === quote) return i + 1;
  }
  return -1;
}

/** Index just past the TOML value starting at `at`; -1 when it never ends. Comments inside arrays are skipped. */
function skipTomlValue(text: string, at: number, end: number): number {
  const c = text[at];
  if (c === '"' || c === "'") return skipTomlString(text, at, end);
  if (c === "[" || c === "{") {
    let depth = 0;
    for (let i = at; i < end; i++) {
      const d = text[i]!;
      if (d === '"' || d === "'") {
        const after = skipTomlString(text, i, end);
        if (after === -1) return -1;
        i = after - 1;
      } else if (d === "#") i = nextLine(text, i) - 1;
      else if (d === "[" || d === "{") depth++;
      else if (d === "]" || d === "}") {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }
  // A bare value (number, boolean, date, date-time with a space) runs to a comment or the line's end.
  let i = at;
  while (i < end && text[i] !== "\n" && text[i] !== "#") i++;
  while (i > at && /[ \t\r]/.test(text[i - 1]!)) i--;
  return i;
}

/**
 * The root table's members of TOML front matter in `text.slice(start, end)`, and the line of each top-level
 * table header (`[params]`, `[[resources]]`) as a non-editable member. Syntax errors are left to the parser.
 */
export function tomlMembers(text: string, start: number, end: number, lineOf: (at: number) => number): Member[] {
  const members: Member[] = [];
  let root = true;
  for (let at = start; at < end; ) {
    const lineEnd = nextLine(text, at);
    TOML_TABLE.lastIndex = at;
    const table = TOML_TABLE.exec(text);
    if (table && table.index === at && text.slice(at, lineEnd).trimStart().startsWith("[")) {
      root = false;
      const key = unquoteTomlKey(table[1]!);
      if (!members.some((m) => m.key === key)) {
        members.push({ key, line: lineOf(at), lineStart: at, keyStart: at, valueStart: at, valueEnd: at, end: lineEnd, editable: false, table: true });
      }
      at = lineEnd;
      continue;
    }
    TOML_KEY.lastIndex = at;
    const match = TOML_KEY.exec(text);
    if (!match || match.index !== at) {
      at = lineEnd;
      continue;
    }
    const valueStart = at + match[0].length;
    const valueEnd = skipTomlValue(text, valueStart, end);
    if (valueEnd === -1) break;
    const after = nextLine(text, valueEnd);
    if (root) {
      const segments = match[1]!.match(KEY_SEGMENT) ?? [match[1]!];
      const dotted = segments.length > 1;
      const first = unquoteTomlKey(segments[0]!);
      members.push({ key: first, line: lineOf(at), lineStart: at, keyStart: at + match[0].indexOf(match[1]!), valueStart, valueEnd, end: Math.min(after, end), editable: !dotted });
    }
    at = Math.max(after, lineEnd);
  }
  return members;
}
