/**
 * Finds a post's front matter the way Hugo does: YAML between `---` lines, TOML between `+++` lines, or a JSON
 * object (`{…}`) at the very top of the file; `---yaml`, `---toml` and `---json` name the language explicitly. Every
 * position is an index into the text as given (BOM and CRLF included), so a writer can replace a byte range and
 * leave every other byte alone. The reader and every writer use this one function.
 */

export type FrontMatterFormat = "yaml" | "toml" | "json";

/** Where the front matter is: `text.slice(start, end)` is what the format's parser reads. */
export type FrontMatterSplit = {
  format: FrontMatterFormat;
  /** Index of the front matter's first character (after the opening fence line; the `{` of bare JSON). */
  start: number;
  /** Index just past its last character (the start of the closing fence line; just past the `}` of bare JSON). */
  end: number;
  /** Index of the body's first character. */
  bodyStart: number;
  /** 1-based file line of `start`. */
  startLine: number;
  /** 1-based file line where the body starts. */
  bodyLine: number;
  /** The line ending of the opening fence line: new lines are written with it. */
  eol: "\n" | "\r\n";
  /** True when the file starts with a byte-order mark (kept by every writer). */
  bom: boolean;
};

/** `missing`: the file has no front matter at all (its first line opens none), rather than a broken one. */
export type SplitError = { message: string; line: number; missing?: true };

/** Front matter longer than this is refused before any parser sees it (real front matter is well under 4 KiB). */
export const MAX_FRONT_MATTER_BYTES = 16 * 1024;

const BOM = "\uFEFF";
// `---` optionally naming a language; the language word is checked below so a refusal can name it.
const DASH_FENCE = /^---[ \t]*([A-Za-z]*)[ \t]*$/;
const PLUS_FENCE = /^\+\+\+[ \t]*$/;
const YAML_CLOSE = /^(?:---|\.\.\.)[ \t]*$/;
const DASH_CLOSE = /^---[ \t]*$/;
const REFUSED_LANGUAGES = new Set(["js", "javascript", "coffee", "coffeescript", "cson"]);

type Line = { start: number; end: number; next: number };

/** The line starting at `at`: its text ends at `end` (before CR LF or LF), the next line starts at `next`. */
function lineAt(text: string, at: number): Line {
  const lf = text.indexOf("\n", at);
  if (lf === -1) return { start: at, end: text.length, next: text.length };
  return { start: at, end: lf > at && text[lf - 1] === "\r" ? lf - 1 : lf, next: lf + 1 };
}

function tooLarge(text: string, start: number, end: number, line: number): SplitError | undefined {
  // Counting bytes of a 1 MiB slice costs little; doing it before the parser runs is the point.
  // The line break before the closing fence belongs to the fence, not to the front matter.
  const size = Buffer.byteLength(text.slice(start, end).replace(/\r?\n$/, ""));
  if (size <= MAX_FRONT_MATTER_BYTES) return undefined;
  return { message: `the front matter is ${size} bytes; the limit is ${MAX_FRONT_MATTER_BYTES} bytes (16 KiB)`, line };
}

/** A carriage return that does not end a CRLF line: parsers and line-based writers disagree on it, so it is refused. */
function loneCarriageReturn(text: string, start: number, end: number, firstLine: number): SplitError | undefined {
  for (let i = text.indexOf("\r", start); i !== -1 && i < end; i = text.indexOf("\r", i + 1)) {
    if (text[i + 1] !== "\n") {
      const line = firstLine + countLines(text, start, i);
      return { message: `line ${line} has a carriage return that does not end a line (save the file with LF or CRLF endings)`, line };
    }
  }
  return undefined;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function fenced(text: string, open: Line, format: FrontMatterFormat, close: RegExp, closeName: string): FrontMatterSplit | SplitError {
  const eol = text[open.end] === "\r" ? "\r\n" : "\n";
  let at = open.next;
  for (let line = 2; at < text.length; line++) {
    const current = lineAt(text, at);
    if (close.test(text.slice(current.start, current.end))) {
      const problem = tooLarge(text, open.next, current.start, 2) ?? loneCarriageReturn(text, open.next, current.start, 2);
      if (problem) return problem;
      return { format, start: open.next, end: current.start, bodyStart: current.next, startLine: 2, bodyLine: line + 1, eol, bom: text.startsWith(BOM) };
    }
    // An unclosed fence over a megabyte of text stops here rather than at the end of the file.
    if (current.next - open.next > MAX_FRONT_MATTER_BYTES * 4) break;
    at = current.next;
  }
  const problem = tooLarge(text, open.next, text.length, 2);
  if (problem) return problem;
  return { message: `the front matter opened on line 1 is never closed by a '${closeName}' line`, line: 1 };
}

/** The index just past the `}` that closes the object opening at `open`, honouring strings; -1 when unclosed. */
function closingBrace(text: string, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < limit && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function bareJson(text: string, at: number): FrontMatterSplit | SplitError {
  // Scan a little past the cap so an object just over it is reported by its size, not as unclosed.
  const limit = Math.min(text.length, at + MAX_FRONT_MATTER_BYTES * 4 + 1);
  const end = closingBrace(text, at, limit);
  if (end === -1) {
    return tooLarge(text, at, limit, 1) ?? { message: "the JSON front matter opened on line 1 is never closed by a matching '}'", line: 1 };
  }
  const problem = tooLarge(text, at, end, 1) ?? loneCarriageReturn(text, at, end, 1);
  if (problem) return problem;
  const rest = lineAt(text, end);
  const endLine = 1 + countLines(text, at, end);
  // Hugo's body starts right after the `}`; the rest of that line is dropped when it is blank, as Hugo does.
  const blankRest = text.slice(rest.start, rest.end).trim() === "";
  const eolMatch = /\r?\n/.exec(text.slice(at, end));
  return {
    format: "json",
    start: at,
    end,
    bodyStart: blankRest ? rest.next : end,
    startLine: 1,
    bodyLine: blankRest ? endLine + 1 : endLine,
    eol: eolMatch?.[0] === "\r\n" ? "\r\n" : "\n",
    bom: text.startsWith(BOM),
  };
}

/**
 * Locates the front matter at the top of `text`. Refuses (with the line to point at) anything it cannot read safely:
 * no front matter, an unclosed fence, JavaScript or another unknown language, more than 16 KiB, a lone CR.
 */
export function splitFrontMatter(text: string): FrontMatterSplit | SplitError {
  const at = text.startsWith(BOM) ? 1 : 0;
  const open = lineAt(text, at);
  const first = text.slice(open.start, open.end);
  if (PLUS_FENCE.test(first)) return fenced(text, open, "toml", PLUS_FENCE, "+++");
  if (first.startsWith("{")) return bareJson(text, at);
  const dash = DASH_FENCE.exec(first);
  if (!dash) {
    const language = /^---[ \t]*(\S+)/.exec(first)?.[1];
    if (language) return refuseLanguage(language);
    // Hugo finds front matter after blank lines too (and Org's `#+key:`): such a file is not one without front
    // matter, and is refused here rather than served with its fields as text.
    const missing = !/^\s*(?:---|\+\+\+|\{|#\+)/.test(text.slice(at));
    return { message: "must start with front matter: a '---' line (YAML), a '+++' line (TOML) or a '{' (JSON)", line: 1, ...(missing ? { missing: true as const } : {}) };
  }
  const language = dash[1]!.toLowerCase();
  if (language === "" || language === "yaml" || language === "yml") return fenced(text, open, "yaml", YAML_CLOSE, "---");
  if (language === "toml") return fenced(text, open, "toml", DASH_CLOSE, "---");
  if (language === "json") return fenced(text, open, "json", DASH_CLOSE, "---");
  return refuseLanguage(dash[1]!);
}

function refuseLanguage(language: string): SplitError {
  if (REFUSED_LANGUAGES.has(language.toLowerCase())) {
    return { message: `JavaScript front matter ('---${language}') is refused and never run; write YAML, TOML or JSON`, line: 1 };
  }
  return { message: `'---${language}' front matter is not supported; write YAML ('---'), TOML ('+++') or JSON ('{')`, line: 1 };
}

/** Whether a split failed. */
export function isSplitError(value: FrontMatterSplit | SplitError): value is SplitError {
  return "message" in value;
}
