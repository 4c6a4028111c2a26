import { nextLine, lineStartOf, type Member, type ScanError } from "./members";

const WHITESPACE = /[ \t\r\n]*/y;
const NUMBER_OR_WORD = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

function skipSpace(text: string, at: number): number {
  WHITESPACE.lastIndex = at;
  WHITESPACE.exec(text);
  return WHITESPACE.lastIndex;
}

function skipString(text: string, at: number, end: number): number | ScanError {
  for (let i = at + 1; i < end; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === '"') return i + 1;
    else if (c === "\n") break;
  }
  return { message: "a string is never closed", at };
}

/** Index just past the JSON value at `at`, or where and why it is not one. Nesting is tracked, not recursed. */
function skipValue(text: string, at: number, end: number): number | ScanError {
  const c = text[at];
  if (c === '"') return skipString(text, at, end);
  if (c === "{" || c === "[") {
    const stack: string[] = [];
    for (let i = at; i < end; i++) {
      const d = text[i]!;
      if (d === '"') {
        const after = skipString(text, i, end);
        if (typeof after !== "number") return after;
        i = after - 1;
      } else if (d === "{" || d === "[") stack.push(d === "{" ? "}" : "]");
      else if (d === "}" || d === "]") {
        if (stack.pop() !== d) return { message: `unexpected '${d}'`, at: i };
        if (stack.length === 0) return i + 1;
      }
    }
    return { message: "an object or list is never closed", at };
  }
  NUMBER_OR_WORD.lastIndex = at;
  if (NUMBER_OR_WORD.exec(text) && NUMBER_OR_WORD.lastIndex <= end) return NUMBER_OR_WORD.lastIndex;
  return { message: `unexpected ${at < end ? `'${text[at]}'` : "end of the front matter"}; expected a value`, at };
}

/**
 * The members of the JSON object in `text.slice(start, end)`, checked for the shape `{"key": value, …}` and for
 * keys given twice (which JSON.parse would silently let the last one win). Values are checked by JSON.parse later.
 */
export function jsonMembers(text: string, start: number, end: number, lineOf: (at: number) => number): Member[] | ScanError {
  let i = skipSpace(text, start);
  if (text[i] !== "{") return { message: "must be a JSON object of \"field\": value pairs", at: i };
  const members: Member[] = [];
  const seen = new Map<string, number>();
  i = skipSpace(text, i + 1);
  if (text[i] === "}") return members;
  for (;;) {
    if (text[i] !== '"') return { message: "expected a quoted field name", at: i };
    const keyEnd = skipString(text, i, end);
    if (typeof keyEnd !== "number") return keyEnd;
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    const keyStart = i;
    if (seen.has(key)) return { message: `'${key}' is set twice (first on line ${seen.get(key)})`, at: keyStart };
    seen.set(key, lineOf(keyStart));
    i = skipSpace(text, keyEnd);
    if (text[i] !== ":") return { message: `expected ':' after "${key}"`, at: i };
    const valueStart = skipSpace(text, i + 1);
    const valueEnd = skipValue(text, valueStart, end);
    if (typeof valueEnd !== "number") return valueEnd;
    const lineStart = lineStartOf(text, keyStart);
    members.push({ key, line: lineOf(keyStart), lineStart, keyStart, valueStart, valueEnd, end: Math.min(nextLine(text, valueEnd - 1), end), editable: true });
    i = skipSpace(text, valueEnd);
    if (text[i] === ",") {
      i = skipSpace(text, i + 1);
      continue;
    }
    if (text[i] === "}") return members;
    return { message: "expected ',' or '}' after a value", at: i };
  }
}
