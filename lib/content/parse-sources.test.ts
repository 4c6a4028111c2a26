import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PARSE_SOURCES } from "./load";

// The disk cache keeps parses keyed by a fingerprint of PARSE_SOURCES: a module the parse runs but the list misses
// would leave stale parses after an upgrade. Every module parse.ts reaches (type-only imports aside) must be listed.
const ROOT = path.resolve(__dirname, "../..");

function resolveImport(from: string, specifier: string): string | undefined {
  const base = specifier.startsWith("@/") ? path.join(ROOT, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : undefined;
  if (!base) return undefined;
  return [`${base}.ts`, path.join(base, "index.ts"), base].find((candidate) => candidate.endsWith(".ts") && existsSync(candidate));
}

function reached(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+"([^"]+)";/gms)) {
      const target = resolveImport(file, match[1]!);
      if (target) visit(target);
    }
  };
  visit(entry);
  return seen;
}

describe("the parse's disk-cache fingerprint", () => {
  it("lists every module the parse runs", () => {
    const files = [...reached(path.join(ROOT, "lib/content/parse.ts"))].map((file) => path.relative(ROOT, file)).sort();
    expect(files.filter((file) => !PARSE_SOURCES.includes(file))).toEqual([]);
  });
});
