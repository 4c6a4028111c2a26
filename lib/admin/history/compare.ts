import "server-only";
import { diffLines } from "diff";
import { readFrontMatter } from "@/lib/content";
import { decodeText } from "../post-files";

/** One run of lines in a body diff: kept, added or removed. */
export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

/** What differs between two versions of a post file: the front-matter fields by name, and the body line by line. */
export type VersionChange = {
  fields: string[];
  bodyChanged: boolean;
  /** The body's line diff; null when the versions differ in too many places to show (see MAX_EDIT_LENGTH). */
  body: DiffPart[] | null;
};

/**
 * The most line insertions and removals a diff looks for: past it jsdiff stops and the page says the body was
 * rewritten. Myers' diff costs O(N·D), so this bounds the work two 1 MiB files can cost.
 */
export const MAX_EDIT_LENGTH = 2000;

/** A file's front matter (empty when it has none or it does not parse) and its body. */
function split(bytes: Buffer | null): { data: Record<string, unknown>; body: string } {
  if (!bytes) return { data: {}, body: "" };
  let text: string;
  try {
    text = decodeText(bytes);
  } catch {
    return { data: {}, body: bytes.toString("latin1") }; // not UTF-8: nothing the loader would read either
  }
  const read = readFrontMatter(text);
  if (!read.ok) return { data: {}, body: text };
  return { data: read.value.data, body: text.slice(read.value.split.bodyStart).replace(/\r\n?/g, "\n") };
}

/** Compares two versions of a post file (null: no file, as before a create or after a delete). */
export function compareVersions(before: Buffer | null, after: Buffer | null): VersionChange {
  const a = split(before);
  const b = split(after);
  const names = [...new Set([...Object.keys(a.data), ...Object.keys(b.data)])];
  // Front-matter values are plain data (strings, numbers, lists, maps), so their JSON compares them.
  const fields = names.filter((name) => JSON.stringify(a.data[name]) !== JSON.stringify(b.data[name]));
  if (a.body === b.body) return { fields, bodyChanged: false, body: [] };
  const parts = diffLines(a.body, b.body, { maxEditLength: MAX_EDIT_LENGTH });
  const body = parts ? parts.map((part) => ({ kind: part.added ? "added" : part.removed ? "removed" : "same", text: part.value }) satisfies DiffPart) : null;
  return { fields, bodyChanged: true, body };
}
