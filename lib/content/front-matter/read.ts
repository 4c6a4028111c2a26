/**
 * Reads front matter in any of Hugo's three formats into plain data, safely: YAML on the core schema (nothing is
 * evaluated, `yes` is a string, dates stay the strings the author wrote), TOML with smol-toml (dates kept as
 * written), JSON with JSON.parse. The same limits hold for all three: 16 KiB, 50 YAML aliases, a few levels of
 * nesting, no `__proto__`/`constructor`/`prototype` field, no key given twice; every problem carries its line.
 */
import { LineCounter, isMap, parseDocument, type Document } from "yaml";
import { parse as parseToml, TomlError } from "smol-toml";
import { jsonMembers } from "./json-members";
import { tomlMembers, yamlMembers, type Member } from "./members";
import { isSplitError, splitFrontMatter, type FrontMatterFormat, type FrontMatterSplit } from "./split";

/** One problem reading front matter. `field` is the top-level field it concerns, when there is one. */
export type FrontMatterProblem = { message: string; line?: number; field?: string };

/** Front matter read from a file: its data, where it is, and where each top-level field is written. */
export type FrontMatter = {
  format: FrontMatterFormat;
  split: FrontMatterSplit;
  data: Record<string, unknown>;
  members: Member[];
  /** What was read leniently, as Hugo reads it, and should be fixed (a warning each). */
  lenient?: FrontMatterProblem[];
};

export type ReadResult = { ok: true; value: FrontMatter } | { ok: false; problems: FrontMatterProblem[] };

// Real front matter uses none; a few allow shared lists, far fewer than it takes to expand to gigabytes.
export const MAX_ALIASES = 50;
/** Deepest nesting of lists and maps a front-matter value may have (Hugo's `params`, `resources` need two or three). */
export const MAX_VALUE_DEPTH = 16;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const TOO_DEEP = "is nested too deeply to read; front matter needs a level or two at most";
const YAML_OPTIONS = { schema: "core", uniqueKeys: true, prettyErrors: false } as const;

/** The 1-based file line of an index within the front matter (the front matter is at the top of the file). */
function lineCounter(text: string, end: number): (at: number) => number {
  const breaks: number[] = [];
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) breaks.push(i);
  return (at: number) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

/**
 * Hugo's YAML reader (go-yaml) accepts a quoted value continued on a line indented no deeper than its key, which
 * YAML 1.2 refuses: `description: "first line⏎second line"`. go-yaml reads the break as a space; so does this, for
 * a top-level field, by joining those lines with a space in place of the line break. The text keeps its length, so every position (and
 * the line of every field) stays the file's own. Returns the text and the lines joined, or undefined when there is
 * nothing of that kind to join (or a blank line inside the value, whose meaning a join would change).
 */
export function joinUnindentedContinuations(raw: string): { text: string; lines: { line: number; key: string }[] } | undefined {
  const chars = raw.split("");
  const joined: { line: number; key: string }[] = [];
  let key = "";
  let quote: '"' | "'" | undefined;
  let keyIndent = 0;
  let at = 0;
  const closes = (line: string, from: number, q: '"' | "'"): boolean => {
    for (let i = from; i < line.length; i++) {
      if (q === '"' && line[i] === "\\") i++;
      else if (line[i] === q) {
        if (q === "'" && line[i + 1] === "'") i++;
        else return true;
      }
    }
    return false;
  };
  const lines = raw.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (quote) {
      const indent = /^[ \t]*/.exec(line)![0].length;
      if (line.trim() === "") return undefined;
      if (indent <= keyIndent) {
        // Under a nested field the line's own indentation would stay inside the value: not joined, still refused.
        if (keyIndent > 0) return undefined;
        // CRLF: the break moves onto the CR (same length), and the LF becomes the line's one space of indent.
        if (chars[at - 2] === "\r") chars[at - 2] = "\n";
        chars[at - 1] = " ";
        joined.push({ line: n + 1, key });
      }
      if (closes(line, 0, quote)) quote = undefined;
    } else {
      const opened = /^([ \t]*)(?:- +)?([^\s#'"][^:#]*):[ \t]+(["'])/.exec(line);
      if (opened && !closes(line, opened[0].length, opened[3] as '"' | "'")) {
        quote = opened[3] as '"' | "'";
        keyIndent = opened[1]!.length;
        if (keyIndent === 0) key = opened[2]!.trim();
      }
    }
    at += line.length + 1;
  }
  return joined.length > 0 && !quote ? { text: chars.join(""), lines: joined } : undefined;
}

function parseYaml(raw: string): { doc: Document; counter: LineCounter } {
  const counter = new LineCounter();
  return { doc: parseDocument(raw, { ...YAML_OPTIONS, lineCounter: counter }), counter };
}

function readYaml(text: string, split: FrontMatterSplit, lineOf: (at: number) => number): ReadResult {
  const raw = text.slice(split.start, split.end);
  let doc: Document;
  let counter: LineCounter;
  let lenient: FrontMatterProblem[] | undefined;
  try {
    ({ doc, counter } = parseYaml(raw));
    const joined = doc.errors.length > 0 ? joinUnindentedContinuations(raw) : undefined;
    const retried = joined && parseYaml(joined.text);
    if (joined && retried && retried.doc.errors.length === 0) {
      ({ doc, counter } = retried);
      lenient = joined.lines.map(({ line, key }) => ({
        message: "continues a quoted value on a line indented no deeper than its field: read as Hugo reads it (the line break as a space); indent the line, as YAML requires",
        line: split.startLine + line - 1,
        field: key || "front matter",
      }));
    }
  } catch (e) {
    // The parser recurses once per level: thousands of `[[[[` run it out of stack, which it may throw.
    return fail(e instanceof RangeError ? TOO_DEEP : `could not be read: ${(e as Error).message}`, split.startLine);
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        message: /call stack/i.test(e.message) ? TOO_DEEP : `invalid YAML: ${e.message.split("\n")[0]}`,
        line: split.startLine + counter.linePos(e.pos[0]).line - 1,
        field: "front matter",
      })),
    };
  }
  if (doc.contents !== null && !isMap(doc.contents)) return notAMap(split);
  const members = yamlMembers(doc, text, split.start, lineOf);
  const forbidden = forbiddenKeys(members);
  if (forbidden) return forbidden;
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES }) ?? {};
  } catch (e) {
    return fail(`could not be read: ${(e as Error).message}`, split.startLine);
  }
  const read = finish(split, data, members);
  return read.ok && lenient ? { ok: true, value: { ...read.value, lenient } } : read;
}

function readToml(text: string, split: FrontMatterSplit, lineOf: (at: number) => number): ReadResult {
  const raw = text.slice(split.start, split.end);
  let data: Record<string, unknown>;
  try {
    data = parseToml(raw, { unsafeKeyBehaviour: "throw", maxDepth: MAX_VALUE_DEPTH });
  } catch (e) {
    const line = e instanceof TomlError ? split.startLine + e.line - 1 : split.startLine;
    const message = (e as Error).message.split("\n")[0]!.replace(/^Invalid TOML document: /, "");
    if (/unsafe/i.test(message)) return fail("a field named '__proto__' or 'constructor' is not allowed", line);
    return fail(/depth|excessive/i.test(message) ? TOO_DEEP : `invalid TOML: ${message}`, line);
  }
  const members = tomlMembers(text, split.start, split.end, lineOf);
  const forbidden = forbiddenKeys(members);
  if (forbidden) return forbidden;
  // TOML dates are objects; a post keeps the text its author wrote (smol-toml would add `.000` and drop digits).
  for (const member of members) {
    if (data[member.key] instanceof Date && member.editable) data[member.key] = text.slice(member.valueStart, member.valueEnd);
  }
  return finish(split, datesToStrings(data, 0), members);
}

function readJson(text: string, split: FrontMatterSplit, lineOf: (at: number) => number): ReadResult {
  const members = jsonMembers(text, split.start, split.end, lineOf);
  if ("message" in members) return fail(`invalid JSON: ${members.message}`, lineOf(members.at));
  const forbidden = forbiddenKeys(members);
  if (forbidden) return forbidden;
  let data: unknown;
  try {
    data = JSON.parse(text.slice(split.start, split.end));
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    return fail(`invalid JSON: ${(e as Error).message.replace(/ in JSON at position.*$/, "")}`, lineOf(split.start + Number(at ?? 0)));
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) return notAMap(split);
  return finish(split, data, members);
}

/**
 * Reads the front matter at the top of `text` (the whole file, BOM and CRLF included). With `optional`, a file
 * without any (Hugo builds one as a page with no fields) reads as empty front matter before the whole text; writers
 * leave it off, so an edit to such a file is refused with the reason rather than guessing a format.
 */
export function readFrontMatter(text: string, options: { optional?: boolean } = {}): ReadResult {
  const split = splitFrontMatter(text);
  if (isSplitError(split) && split.missing && options.optional) return { ok: true, value: { format: "yaml", split: noFrontMatter(text), data: {}, members: [] } };
  if (isSplitError(split)) return { ok: false, problems: [{ message: split.message, line: split.line }] };
  const lineOf = lineCounter(text, split.end);
  if (split.format === "yaml") return readYaml(text, split, lineOf);
  if (split.format === "toml") return readToml(text, split, lineOf);
  return readJson(text, split, lineOf);
}

/** Where a file without front matter has its (empty) front matter and body: the body is the whole text. */
function noFrontMatter(text: string): FrontMatterSplit {
  const bom = text.startsWith("\uFEFF");
  const at = bom ? 1 : 0;
  return { format: "yaml", start: at, end: at, bodyStart: at, startLine: 1, bodyLine: 1, eol: /\r\n/.test(text.slice(0, text.indexOf("\n") + 1)) ? "\r\n" : "\n", bom };
}

function fail(message: string, line: number, field = "front matter"): ReadResult {
  return { ok: false, problems: [{ message, line, field }] };
}

function notAMap(split: FrontMatterSplit): ReadResult {
  return fail("must be a mapping of 'field: value' lines", split.startLine);
}

function forbiddenKeys(members: Member[]): ReadResult | undefined {
  const bad = members.filter((m) => FORBIDDEN_KEYS.has(m.key));
  if (bad.length === 0) return undefined;
  return { ok: false, problems: bad.map((m) => ({ message: `'${m.key}' is not allowed as a field name`, line: m.line, field: m.key })) };
}

function finish(split: FrontMatterSplit, data: unknown, members: Member[]): ReadResult {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return notAMap(split);
  const deep = tooDeep(data, 0);
  if (deep) return fail(TOO_DEEP, split.startLine);
  return { ok: true, value: { format: split.format, split, data: data as Record<string, unknown>, members } };
}

/** Whether a value nests lists and maps deeper than MAX_VALUE_DEPTH (cyclic YAML aliases count as too deep). */
function tooDeep(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== "object") return false;
  if (depth > MAX_VALUE_DEPTH) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => tooDeep(child, depth + 1));
}

/** Nested TOML dates (inside tables) as ISO strings: TOML's own spelling of them, without objects. */
function datesToStrings<T>(value: T, depth: number): T {
  if (value instanceof Date) return value.toISOString() as T;
  if (depth > MAX_VALUE_DEPTH || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => datesToStrings(v, depth + 1)) as T;
  for (const [k, v] of Object.entries(value)) (value as Record<string, unknown>)[k] = datesToStrings(v, depth + 1);
  return value;
}
