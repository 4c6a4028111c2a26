import { YAMLParseError, parse } from "yaml";
import { CLOSING_FENCE } from "./fences";

/** The outcome of a front-matter edit: the new file text, or why the file was left alone. */
export type FrontMatterEdit =
  | { ok: true; source: string; changed: boolean; previous: boolean | undefined }
  | { ok: false; error: string };

/** The outcome of {@link verifyOnlyKeyChanged}. */
export type EditCheck = { ok: true } | { ok: false; error: string };

type Line = { text: string; eol: string };
type Located = { bom: string; lines: Line[]; close: number };
type KeyLine = { at: number; keyEnd: number };
type Found = { value: boolean; before: string; token: string; after: string };

const BOM = "\uFEFF";
const KEY_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
// The closing fence is the loader's own (./fences): a different one would mean editing what it calls body. The
// opening must be a bare `---`; the loader also reads `---yaml`, which this editor refuses rather than guesses at.
const OPENING_FENCE = /^---[ \t]*$/;
// The only spellings of a boolean in the YAML 1.2 core schema; `yes`, `on` and `"true"` are strings.
const BOOLEAN_VALUE = /^([ \t]*)(true|True|TRUE|false|False|FALSE)((?:[ \t]+#.*)?[ \t]*)$/;
const QUOTED_BOOLEAN = /^[ \t]*(["'])(true|false)\1/i;
const YAML_OPTIONS = { schema: "core", uniqueKeys: true, maxAliasCount: 100 } as const;
// Self-referencing anchors build cyclic values; past this depth they are treated as unequal, so the edit is refused.
const MAX_DEPTH = 64;

/**
 * Sets a top-level boolean in a post's YAML front matter by rewriting one token of one line, so comments, key order,
 * quoting, a BOM and CRLF line endings all survive byte for byte. An absent key is added as one `key: value` line
 * just before the closing fence. Refuses (never guesses) on a missing or non-YAML fence, a duplicated key, or a value
 * that is not a plain core-schema boolean: `"true"` is a string in YAML, and turning it into a boolean is a content
 * change the author should make, not the admin. Every edit is re-checked with {@link verifyOnlyKeyChanged}.
 *
 * Toggling twice restores the original bytes exactly when the key was present (its casing, `False` or `FALSE`, is
 * kept). When it was absent, the added line stays: setting true then false leaves `featured: false` behind.
 */
export function setFrontMatterBoolean(source: string, key: string, value: boolean): FrontMatterEdit {
  if (!KEY_NAME.test(key)) return { ok: false, error: `'${key}' is not a plain front-matter field name` };
  const fm = locateFrontMatter(source);
  if (typeof fm === "string") return { ok: false, error: fm };
  const at = findKeyLines(fm, key);
  if (at.length > 1) {
    const where = at.map((found) => found.at + 1).join(" and ");
    return { ok: false, error: `'${key}' is set more than once (lines ${where}); remove the extra line by hand` };
  }
  const readable = readFrontMatter(source);
  if (typeof readable === "string") return { ok: false, error: readable };
  let lines: Line[];
  let previous: boolean | undefined;
  if (at[0] === undefined) {
    lines = fm.lines.toSpliced(fm.close, 0, { text: `${key}: ${value}`, eol: fm.lines[0]!.eol });
  } else {
    const found = readBoolean(fm, at[0], key);
    if (typeof found === "string") return { ok: false, error: found };
    previous = found.value;
    const text = found.before + spell(value, found.token) + found.after;
    lines = fm.lines.with(at[0].at, { text, eol: fm.lines[at[0].at]!.eol });
  }
  const result = previous === value ? source : fm.bom + joinLines(lines);
  const check = verifyOnlyKeyChanged(source, result, key, value);
  if (!check.ok) return { ok: false, error: `refused: the edit would not be surgical: ${check.error}` };
  return { ok: true, source: result, changed: result !== source, previous };
}

/**
 * Parses the front matter of `before` and `after` with the core schema and checks that the text outside the front
 * matter is identical, every other key keeps a deeply equal value in the same order, and `key` is a boolean (equal
 * to `value` when given).
 */
export function verifyOnlyKeyChanged(before: string, after: string, key: string, value?: boolean): EditCheck {
  const old = readFrontMatter(before);
  if (typeof old === "string") return { ok: false, error: `before the edit, ${old}` };
  const now = readFrontMatter(after);
  if (typeof now === "string") return { ok: false, error: `after the edit, ${now}` };
  if (old.outside !== now.outside) return { ok: false, error: "the text outside the front matter changed" };
  const oldKeys = Object.keys(old.data).filter((k) => k !== key);
  const newKeys = Object.keys(now.data).filter((k) => k !== key);
  if (oldKeys.join("\n") !== newKeys.join("\n")) {
    return { ok: false, error: `the other fields changed from [${oldKeys.join(", ")}] to [${newKeys.join(", ")}]` };
  }
  const changed = oldKeys.find((k) => !deepEqual(old.data[k], now.data[k], 0));
  if (changed !== undefined) return { ok: false, error: `the value of '${changed}' changed` };
  const got = now.data[key];
  if (typeof got !== "boolean" || (value !== undefined && got !== value)) {
    return { ok: false, error: `'${key}' reads as ${describe(got)}, not ${value ?? "a boolean"}` };
  }
  return { ok: true };
}

/** Splits lines keeping each terminator, so joining them gives back the exact text. */
function splitLines(text: string): Line[] {
  return text.split("\n").map((part, i, parts) => {
    if (i === parts.length - 1) return { text: part, eol: "" };
    return part.endsWith("\r") ? { text: part.slice(0, -1), eol: "\r\n" } : { text: part, eol: "\n" };
  });
}

function joinLines(lines: Line[]): string {
  return lines.map((line) => line.text + line.eol).join("");
}

function locateFrontMatter(source: string): Located | string {
  const bom = source.startsWith(BOM) ? BOM : "";
  const lines = splitLines(source.slice(bom.length));
  const first = lines[0]!.text;
  if (!OPENING_FENCE.test(first)) {
    const language = /^---[ \t]*(\S+)/.exec(first)?.[1];
    if (language) return `'---${language}' front matter is not YAML and is never edited; only '---' is`;
    return "the file does not start with a '---' line opening the front matter";
  }
  const close = lines.findIndex((line, i) => i > 0 && CLOSING_FENCE.test(line.text));
  if (close === -1) return "the front matter opened on line 1 is never closed by a '---' line";
  // The loader reads a lone CR as a line break; this line-based editor would not, so the two could disagree.
  const loneCr = lines.slice(0, close + 1).findIndex((line) => line.text.includes("\r"));
  if (loneCr !== -1) return `line ${loneCr + 1} has a carriage return that does not end a CRLF line`;
  return { bom, lines, close };
}

/** The column-0 lines that set `key`; indented lines belong to nested maps or block scalars, never to the top level. */
function findKeyLines(fm: Located, key: string): KeyLine[] {
  const keyLine = new RegExp(`^(?:${key}|"${key}"|'${key}')[ \\t]*:(?=[ \\t]|$)`);
  const found: KeyLine[] = [];
  for (let at = 1; at < fm.close; at++) {
    const match = keyLine.exec(fm.lines[at]!.text);
    if (match) found.push({ at, keyEnd: match[0].length });
  }
  return found;
}

function readBoolean(fm: Located, { at, keyEnd }: KeyLine, key: string): Found | string {
  const text = fm.lines[at]!.text;
  const rest = text.slice(keyEnd);
  const where = `'${key}' on line ${at + 1}`;
  if (QUOTED_BOOLEAN.test(rest)) {
    return `${where} is the quoted string ${rest.trim()}, not a boolean; remove the quotes by hand first`;
  }
  const match = BOOLEAN_VALUE.exec(rest);
  const shown = rest.replace(/[ \t]+#.*$/, "").trim();
  if (!match) return `${where} is ${shown ? `'${shown}'` : "empty or a block"}, not true or false; fix it by hand`;
  if (continuesOnNextLine(fm, at)) return `${where} is '${shown}' continued on the next line, not a boolean`;
  const [, space = "", token = "", after = ""] = match;
  return { value: token.toLowerCase() === "true", before: text.slice(0, keyEnd) + space, token, after };
}

/** Whether indented content follows, which would make the value a multi-line string (`true more`). */
function continuesOnNextLine(fm: Located, at: number): boolean {
  for (let i = at + 1; i < fm.close; i++) {
    const text = fm.lines[i]!.text;
    if (text.trim() === "" || /^[ \t]+#/.test(text)) continue;
    return /^[ \t]/.test(text);
  }
  return false;
}

/** Writes `value` in the casing of the token it replaces, so a round trip gives back the same bytes. */
function spell(value: boolean, like: string): string {
  const word = String(value);
  if (like === like.toUpperCase()) return word.toUpperCase();
  if (like[0] === like[0]!.toUpperCase()) return word[0]!.toUpperCase() + word.slice(1);
  return word;
}

function readFrontMatter(source: string): { data: Record<string, unknown>; outside: string } | string {
  const fm = locateFrontMatter(source);
  if (typeof fm === "string") return fm;
  const yaml = fm.lines.slice(1, fm.close).map((line) => line.text).join("\n");
  let data: unknown;
  try {
    data = parse(yaml, YAML_OPTIONS) ?? {};
  } catch (e) {
    // The parser counts lines from the first line after the opening fence; authors count from the top of the file.
    const line = e instanceof YAMLParseError && e.linePos ? ` on line ${e.linePos[0].line + 1}` : "";
    const message = (e as Error).message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    return `the front matter is not valid YAML${line}: ${message}`;
  }
  if (!isRecord(data)) return "the front matter is not a mapping of 'field: value' lines";
  const outside = fm.bom + joinLines(fm.lines.slice(0, 1)) + joinLines(fm.lines.slice(fm.close));
  return { data, outside };
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? "a list" : "a mapping";
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true;
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i], depth + 1));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  const other = Object.keys(b);
  return keys.length === other.length && keys.every((k, i) => k === other[i] && deepEqual(a[k], b[k], depth + 1));
}
