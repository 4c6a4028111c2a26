import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prng } from "@/scripts/lib/prng.mjs";
import { deepEqual, readFrontMatter, setFrontMatterFields, type FieldValue, type FrontMatter } from ".";

// The property behind every editor write: on real posts (every post of the six Hugo sites' fixtures and Folio's own
// fixtures, YAML, TOML and JSON, LF and CRLF), setting one random field to a random valid value changes only that
// field's lines, and the re-read data differs only in that field. Seeded, so a failure names a case that replays.

const FIXTURES = path.join(__dirname, "../../../tests/fixtures");
const POST = /\.(md|markdown|mdx)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return POST.test(name) && name !== "README.md" ? [full] : [];
  });
}

type Case = { name: string; text: string; fm: FrontMatter };

/** Every fixture that reads as front matter, plus CRLF and JSON versions of a few, so all three formats are covered. */
function corpus(): Case[] {
  const cases: Case[] = [];
  for (const full of files(FIXTURES)) {
    const text = readFileSync(full, "utf8");
    const read = readFrontMatter(text);
    if (!read.ok) continue;
    const name = path.relative(FIXTURES, full);
    cases.push({ name, text, fm: read.value });
    if (cases.length % 4 === 0) {
      const crlf = text.replace(/\r?\n/g, "\r\n");
      const again = readFrontMatter(crlf);
      if (again.ok) cases.push({ name: `${name} (CRLF)`, text: crlf, fm: again.value });
    }
    if (cases.length % 3 === 0 && read.value.format !== "json") {
      // The same fields written as Hugo's bare JSON front matter, two-space indented as `hugo new` would.
      const json = `${JSON.stringify(read.value.data, null, 2)}\n${text.slice(read.value.split.bodyStart)}`;
      const again = readFrontMatter(json);
      if (again.ok) cases.push({ name: `${name} (as JSON)`, text: json, fm: again.value });
    }
  }
  return cases;
}

const WORDS = ["partner", "Hugo", "café", "yes", "no", "on", "true", "2024", "a: b", "x # y", "it's", 'say "hi"', "[x]", "-", "C++", "日本語", "null", "~", "50%"];
const FIELDS = ["title", "description", "date", "publishDate", "lastmod", "expiryDate", "slug", "tags", "topics", "categories", "aliases", "draft", "featured", "cta", "weight", "summary"];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function randomValue(random: () => number, field: string): FieldValue {
  const words = (n: number) => Array.from({ length: n }, () => pick(random, WORDS)).join(" ");
  if (/date|lastmod/i.test(field)) {
    const day = `20${10 + Math.floor(random() * 20)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 10)}`;
    return pick(random, [day, `${day}T10:30:00Z`, `${day}T08:09:26-05:00`]);
  }
  if (field === "slug") return `post-${Math.floor(random() * 1000)}`;
  if (["tags", "topics", "categories", "aliases"].includes(field)) {
    const n = Math.floor(random() * 4);
    return Array.from({ length: n }, () => (field === "aliases" ? `/old/${Math.floor(random() * 100)}/` : words(1 + Math.floor(random() * 2))));
  }
  if (["draft", "featured", "cta"].includes(field)) return random() < 0.5;
  if (field === "weight") return Math.floor(random() * 200) - 50;
  return words(1 + Math.floor(random() * 5));
}

/** The lines of `before` replaced in `after`: [first, end) of before's lines, after common prefix and suffix. */
function changedSpan(before: string, after: string): { from: number; to: number } {
  const a = before.split(/(?<=\n)/);
  const b = after.split(/(?<=\n)/);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const offset = (lines: string[], n: number) => lines.slice(0, n).join("").length;
  return { from: offset(a, start), to: offset(a, a.length - end) };
}

/** What `after` adds to `before`, where, when it only adds. */
function insertion(before: string, after: string): { inserted: string; at: number } {
  let p = 0;
  while (p < before.length && before[p] === after[p]) p++;
  const inserted = after.slice(p, p + after.length - before.length);
  expect(before.slice(0, p) + inserted + before.slice(p)).toBe(after);
  return { inserted, at: p };
}

describe("front-matter edits on real posts (seeded property test)", () => {
  const cases = corpus();

  it("covers enough real files in all three formats", () => {
    const formats = new Set(cases.map((c) => c.fm.format));
    expect([...formats].sort()).toEqual(["json", "toml", "yaml"]);
    expect(cases.length).toBeGreaterThan(80);
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: each edit changes only its field's lines and data`, () => {
      const random = prng(seed);
      let edited = 0;
      for (const { name, text, fm } of cases) {
        const field = pick(random, FIELDS);
        const value = randomValue(random, field);
        const where = `${name}: ${field} = ${JSON.stringify(value)} (seed ${seed})`;
        const result = setFrontMatterFields(text, { [field]: value });
        const member = fm.members.find((m) => m.key.toLowerCase() === field.toLowerCase());
        if (!result.ok) {
          // The only refusal allowed: a field written as a table, dotted key or complex key.
          expect(member?.editable, `${where}: ${result.error}`).toBe(false);
          continue;
        }
        edited++;
        const after = readFrontMatter(result.source);
        expect(after.ok, where).toBe(true);
        if (!after.ok) continue;
        const key = member?.key ?? field;
        for (const k of Object.keys(fm.data)) if (k !== key) expect(deepEqual(after.value.data[k], fm.data[k], 0), `${where}: ${k}`).toBe(true);
        expect(Object.keys(after.value.data).filter((k) => k !== key), where).toEqual(Object.keys(fm.data).filter((k) => k !== key));
        expect(after.value.data[key], where).toEqual(value);
        expect(result.source.slice(after.value.split.end), where).toBe(text.slice(fm.split.end));
        if (!result.changed) continue;
        const span = changedSpan(text, result.source);
        const lines = (t: string) => t.split("\n").length - 1;
        const items = Array.isArray(value) ? value.length : 0;
        if (member) {
          // Replaced in place: every byte before and after the value is kept, and the changed lines are the field's.
          expect(result.source.startsWith(text.slice(0, member.valueStart)), where).toBe(true);
          expect(result.source.endsWith(text.slice(member.valueEnd)), where).toBe(true);
          const written = result.source.slice(member.valueStart, result.source.length - (text.length - member.valueEnd));
          expect(lines(written), `${where}: wrote ${JSON.stringify(written)}`).toBeLessThanOrEqual(items > 0 ? items + 2 : lines(text.slice(member.valueStart, member.valueEnd)));
          expect(span.from, where).toBeGreaterThanOrEqual(member.lineStart);
          expect(span.to, where).toBeLessThanOrEqual(member.end);
        } else {
          // Added: no old byte changed; one new field went in inside the front matter, on lines of its own.
          const { inserted, at } = insertion(text, result.source);
          expect(at, where).toBeGreaterThanOrEqual(fm.split.start);
          expect(at, where).toBeLessThanOrEqual(fm.split.end);
          const head = fm.format === "json" ? new RegExp(`^,\\s*"${field}": `) : new RegExp(`^${field}\\s*[:=]`);
          expect(inserted, where).toMatch(head);
          expect(lines(inserted), `${where}: inserted ${JSON.stringify(inserted)}`).toBeLessThanOrEqual(fm.format === "json" ? 1 : 1 + items);
        }
      }
      if (process.env.FM_STATS) console.log(`seed ${seed}: ${edited} of ${cases.length} edited`);
      expect(edited).toBeGreaterThan(cases.length * 0.9);
    });
  }

  it("removing a field takes out its lines and nothing else", () => {
    const random = prng(42);
    for (const { name, text, fm } of cases) {
      const member = pick(random, fm.members.filter((m) => m.editable));
      if (!member) continue;
      const removed = setFrontMatterFields(text, { [member.key]: null });
      expect(removed.ok, `${name}: ${member.key}`).toBe(true);
      if (!removed.ok) continue;
      const read = readFrontMatter(removed.source);
      expect(read.ok && !(member.key in read.value.data), name).toBe(true);
      expect(changedSpan(text, removed.source), name).toEqual({ from: fm.format === "json" ? expect.any(Number) : member.lineStart, to: expect.any(Number) });
    }
  });
});
