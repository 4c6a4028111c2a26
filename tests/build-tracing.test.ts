import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `next build` traces the files each server bundle reads (Turbopack's file tracing). A path it cannot work out at build
// time, `path.join(dataDir, "audit")` say, becomes a pattern matched against the whole project: every data file,
// benchmark corpus and build copy in the checkout is scanned and listed. With 133,000 such files beside the code, the
// compile took 104 s instead of 17 s. Every path made at run time (DATA_DIR, CONTENT_DIR, a post's folder) is marked
// `/* turbopackIgnore: true */` for that reason; this file keeps it so.

const root = path.join(__dirname, "..");
const BUNDLED = ["app", "components", "lib", "proxy.ts", "instrumentation.ts"];

// A join whose first argument is neither a string, nor process.cwd() (which the tracer reads as the project), nor marked.
const UNMARKED = /\bpath\.(?:join|resolve)\(\s*(?!\/\*\s*turbopackIgnore:\s*true\s*\*\/|["'`]|process\.cwd\(\))/g;

export function unmarkedJoins(source: string): number[] {
  const lines: number[] = [];
  for (const match of source.matchAll(UNMARKED)) lines.push(source.slice(0, match.index).split("\n").length);
  return lines;
}

function sourceFiles(entry: string): string[] {
  const full = path.join(root, entry);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return /\.(ts|tsx|mts|mjs)$/.test(entry) && !/\.test\.[a-z]+$/.test(entry) ? [entry] : [];
  return readdirSync(full).flatMap((name) => sourceFiles(path.posix.join(entry, name)));
}

describe("paths made at run time are kept out of the build's file tracing", () => {
  it("flags an unmarked join of a run-time path, and passes marked, literal and cwd-based ones", () => {
    expect(unmarkedJoins('const a = path.join(dataDir, "audit");')).toEqual([1]);
    expect(unmarkedJoins("x\nreadFileSync(path.resolve(folder, name));")).toEqual([2]);
    expect(unmarkedJoins('path.join(/* turbopackIgnore: true */ dataDir, "audit")')).toEqual([]);
    expect(unmarkedJoins('path.join("config", "_default"); path.join(process.cwd(), "assets/fonts/a.ttf")')).toEqual([]);
    expect(unmarkedJoins('issue.path.join(".")')).toEqual([]);
  });

  it("has no unmarked join in any file the server bundles", () => {
    const files = BUNDLED.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) => unmarkedJoins(readFileSync(path.join(root, file), "utf8")).map((line) => `${file}:${line}`));
    expect(found).toEqual([]);
  });
});
