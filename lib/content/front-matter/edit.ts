/**
 * Surgical front-matter edits for YAML, TOML and JSON: set, replace, add or remove one top-level field by rewriting
 * only the bytes of its value (or adding one line at the end of the front matter, in the file's style), so the
 * format, every other field, unknown fields, comments, order, quoting, CRLF line endings and a BOM all survive. Each
 * edit is re-read and refused unless exactly that field changed, to exactly the value asked for.
 */
import { lineStartOf, type Member } from "./members";
import { readFrontMatter, type FrontMatter } from "./read";
import { renderValue, type FieldValue, type Slot } from "./render-value";

/** The outcome of an edit: the new text (identical when nothing changed), or why the file is left alone. */
export type EditResult =
  | { ok: true; source: string; changed: boolean; previous: Record<string, unknown> }
  | { ok: false; error: string };

/** `null` removes the field. */
export type FieldChanges = Record<string, FieldValue | null>;

const KEY_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const MAX_DEPTH = 64;

/** The member holding `key`, matched ignoring case (Hugo's rule); a message when it is ambiguous or not editable. */
function findMember(fm: FrontMatter, key: string): Member | undefined | string {
  // Hugo reads `Title` and `title` as one field: two spellings of it make the file ambiguous, so both count.
  const found = fm.members.filter((m) => m.key.toLowerCase() === key.toLowerCase());
  if (found.length > 1) return `'${key}' is set more than once (lines ${found.map((m) => m.line).join(" and ")}); remove the extra one by hand`;
  const member = found[0];
  if (member && !member.editable) return `'${member.key}' on line ${member.line} is written in a form this editor does not change (a table, a dotted or complex key); edit it by hand`;
  return member;
}

function indentOf(text: string, at: number): string {
  const before = text.slice(lineStartOf(text, at), at);
  return /^[ \t]*$/.test(before) ? before : "";
}

function blockListIndent(text: string, fm: FrontMatter): string | undefined {
  const block = fm.members.find((m) => text[m.valueStart] === "-" && m.valueStart > m.lineStart);
  return block ? indentOf(text, block.valueStart) : undefined;
}

/** `key: ` / `key = ` / `"key": ` spaced the way the file's first field is. */
function separator(text: string, fm: FrontMatter): string {
  const first = fm.members.find((m) => m.editable && m.valueEnd > m.valueStart);
  if (fm.format === "yaml") return ": ";
  const sep = first ? /[ \t]*[=:][ \t]*$/.exec(text.slice(first.keyStart, first.valueStart))?.[0] : undefined;
  return sep ?? (fm.format === "toml" ? " = " : ": ");
}

function replaceValue(text: string, fm: FrontMatter, member: Member, value: FieldValue): string {
  const oldFull = text.slice(member.valueStart, member.valueEnd);
  const tail = /\r?\n$/.exec(oldFull)?.[0] ?? "";
  const old = oldFull.slice(0, oldFull.length - tail.length);
  const slot: Slot = { format: fm.format, key: member.key, old, indent: indentOf(text, member.valueStart), eol: fm.split.eol };
  const rendered = renderValue(value, slot);
  if (old === "" && fm.format === "yaml") {
    // `key:` with no value (perhaps a comment after it): the value goes right after the colon, spaced as YAML needs.
    const colon = text.indexOf(":", member.keyStart + member.key.length);
    const at = colon === -1 ? member.valueStart : colon + 1;
    const line = rendered.startsWith(slot.eol) ? rendered : ` ${rendered}`;
    return text.slice(0, at) + line + text.slice(at);
  }
  return text.slice(0, member.valueStart) + rendered + tail + text.slice(member.valueEnd);
}

function removeMember(text: string, fm: FrontMatter, member: Member): string {
  if (fm.format !== "json") return text.slice(0, member.lineStart) + text.slice(member.end);
  const i = fm.members.indexOf(member);
  const next = fm.members[i + 1];
  const previous = fm.members[i - 1];
  if (next) return text.slice(0, member.keyStart) + text.slice(next.keyStart);
  if (previous) return text.slice(0, previous.valueEnd) + text.slice(member.valueEnd);
  return text.slice(0, member.keyStart) + text.slice(member.valueEnd);
}

function addMember(text: string, fm: FrontMatter, key: string, value: FieldValue): string {
  const { eol } = fm.split;
  const slot: Slot = { format: fm.format, key, indent: "", eol, blockIndent: fm.format === "yaml" ? blockListIndent(text, fm) : undefined };
  const rendered = renderValue(value, slot);
  const sep = separator(text, fm);
  if (fm.format === "yaml") {
    const line = rendered.startsWith(eol) ? `${key}:${rendered}` : `${key}${sep}${rendered}`;
    return text.slice(0, fm.split.end) + line + eol + text.slice(fm.split.end);
  }
  if (fm.format === "toml") {
    const root = fm.members.filter((m) => !m.table).at(-1);
    const table = fm.members.find((m) => m.table);
    const at = root ? root.end : table ? table.lineStart : fm.split.end;
    const needsBreak = at > 0 && text[at - 1] !== "\n";
    return text.slice(0, at) + (needsBreak ? eol : "") + `${key}${sep}${rendered}` + eol + text.slice(at);
  }
  const member = `"${key}"${sep}${rendered}`;
  const last = fm.members.at(-1);
  if (!last) {
    const close = text.lastIndexOf("}", fm.split.end - 1);
    return text.slice(0, fm.split.start) + `{${eol}  ${member}${eol}` + text.slice(close);
  }
  const multiLine = text.slice(fm.split.start, fm.split.end).includes("\n");
  const indent = indentOf(text, last.keyStart);
  return text.slice(0, last.valueEnd) + (multiLine ? `,${eol}${indent}` : ", ") + member + text.slice(last.valueEnd);
}

/** Applies one change to `text`, verified; the key as the file spells it is what is checked. */
function applyChange(text: string, key: string, value: FieldValue | null): { text: string; key: string; previous: unknown } | string {
  if (!KEY_NAME.test(key)) return `'${key}' is not a plain front-matter field name`;
  const read = readFrontMatter(text);
  if (!read.ok) return read.problems.map((p) => (p.line ? `line ${p.line}: ${p.message}` : p.message)).join("; ");
  const fm = read.value;
  const member = findMember(fm, key);
  if (typeof member === "string") return member;
  const fileKey = member?.key ?? key;
  const previous = member ? fm.data[member.key] : undefined;
  let next: string;
  try {
    if (value === null) next = member ? removeMember(text, fm, member) : text;
    else if (member) next = deepEqual(previous, value, 0) ? text : replaceValue(text, fm, member, value);
    else next = addMember(text, fm, key, value);
  } catch (error) {
    return (error as Error).message;
  }
  if (next === text) return { text, key: fileKey, previous };
  const check = verifyOnlyFieldChanged(fm, text, next, fileKey, value);
  if (check) return `refused: the edit would not be surgical: ${check}`;
  return { text: next, key: fileKey, previous };
}

/**
 * Sets (or, with `null`, removes) top-level fields of a post's front matter, one after the other, each rewritten in
 * place and verified. A field is matched ignoring case (`Title` is Hugo's `title`). Refuses, changing nothing, when
 * any one of them cannot be written surgically. `previous` holds each field's value before (undefined if absent).
 */
export function setFrontMatterFields(source: string, changes: FieldChanges): EditResult {
  let text = source;
  const previous: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    const done = applyChange(text, key, value);
    if (typeof done === "string") return { ok: false, error: done };
    text = done.text;
    previous[key] = done.previous;
  }
  return { ok: true, source: text, changed: text !== source, previous };
}

/** The text of an empty front matter in `format`, for a new file: fields are then added with setFrontMatterFields. */
export function emptyFrontMatter(format: FrontMatter["format"], eol: "\n" | "\r\n" = "\n"): string {
  if (format === "toml") return `+++${eol}+++${eol}`;
  if (format === "json") return `{${eol}}${eol}`;
  return `---${eol}---${eol}`;
}

/**
 * Replaces a post's body, keeping every byte of the front matter and its fences. The body's line breaks are
 * written in the file's style (CRLF stays CRLF).
 */
export function replaceBody(source: string, body: string): EditResult {
  const read = readFrontMatter(source);
  if (!read.ok) return { ok: false, error: read.problems.map((p) => p.message).join("; ") };
  const { split } = read.value;
  const next = source.slice(0, split.bodyStart) + body.replace(/\r?\n/g, split.eol);
  const again = readFrontMatter(next);
  if (!again.ok || again.value.split.bodyStart !== split.bodyStart || !deepEqual(again.value.data, read.value.data, 0)) {
    return { ok: false, error: "refused: the new body would change how the front matter is read (does it start with a fence?)" };
  }
  return { ok: true, source: next, changed: next !== source, previous: {} };
}

/**
 * Re-reads `after` and says what is wrong unless: the format and the text outside the front matter are unchanged,
 * every other field keeps its value and order, and `key` now holds `value` (or is gone, for `null`).
 */
export function verifyOnlyFieldChanged(before: FrontMatter, beforeText: string, after: string, key: string, value: FieldValue | null): string | undefined {
  const read = readFrontMatter(after);
  if (!read.ok) return `after the edit, ${read.problems.map((p) => p.message).join("; ")}`;
  const now = read.value;
  if (now.format !== before.format) return "the front matter's format changed";
  const b = before.split;
  const a = now.split;
  if (beforeText.slice(0, b.start) !== after.slice(0, a.start) || beforeText.slice(b.end) !== after.slice(a.end)) {
    return "the text outside the front matter changed";
  }
  const oldKeys = Object.keys(before.data).filter((k) => k !== key);
  const newKeys = Object.keys(now.data).filter((k) => k !== key);
  if (oldKeys.join("\n") !== newKeys.join("\n")) return `the other fields changed from [${oldKeys.join(", ")}] to [${newKeys.join(", ")}]`;
  const changed = oldKeys.find((k) => !deepEqual(before.data[k], now.data[k], 0));
  if (changed !== undefined) return `the value of '${changed}' changed`;
  if (value === null) return key in now.data ? `'${key}' is still there` : undefined;
  if (!deepEqual(now.data[key], value, 0)) return `'${key}' reads back as ${JSON.stringify(now.data[key])}, not ${JSON.stringify(value)}`;
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Structural equality; self-referencing YAML anchors past MAX_DEPTH count as unequal, so such an edit is refused. */
export function deepEqual(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true;
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i], depth + 1));
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  const other = Object.keys(b);
  return keys.length === other.length && keys.every((k, i) => k === other[i] && deepEqual(a[k], b[k], depth + 1));
}
