import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const tsx = path.resolve("node_modules/.bin/tsx");
const dirs: string[] = [];

function contentDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "folio-check-"));
  dirs.push(dir);
  cpSync(path.resolve("tests/fixtures/site"), dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, "posts", name), text);
  return dir;
}

// A generous limit, not a budget: `npm run build` starts npm twice and tsx once, which took over a minute while other
// work shared the machine's two cores (the kill then left stderr empty and the test failed for the wrong reason).
const RUN_LIMIT_MS = 300_000;

function run(command: string, args: string[], dir: string) {
  return spawnSync(command, args, { env: { ...process.env, CONTENT_DIR: dir, NEXT_TELEMETRY_DISABLED: "1" }, encoding: "utf8", timeout: RUN_LIMIT_MS });
}

afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const BAD = {
  "bad-flag.md": "---\ntitle: Flags\ndate: 2025-01-01\nfeatured: maybe\n---\nBody\n",
  "no-title.md": "---\ndate: 2025-01-01\n---\nBody\n",
  "evil.md": "---js\n{ title: (require('fs').writeFileSync('/tmp/folio-pwned', 'x'), 'x') }\n---\nBody\n",
  "typo.md": "---\ntitle: Typo\ndescription: d\ndate: 2025-01-01\nfeautred: true\n---\nBody\n",
};

// Warnings only: five posts with an unknown field, one with two (grouped, counted, the first three shown).
const WARNED = Object.fromEntries(
  Array.from({ length: 5 }, (_, i) => [`w${i}.md`, `---\ntitle: W${i}\ndescription: d\ndate: 2025-01-0${i + 1}\nshowToc: true\n${i === 0 ? "subtitle: s\n" : ""}---\nBody\n`]),
);

// content:check renders every post in the render worker (a thread started per run): generous limits for a busy machine.
describe("npm run content:check", { timeout: RUN_LIMIT_MS }, () => {
  it("passes the sample site", () => {
    const result = run(tsx, ["--conditions=react-server", "scripts/content-check.ts"], path.resolve("tests/fixtures/site"));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("content:check ok: 6 files, 6 valid, 0 errors");
  });

  it("prints every problem as path:line: field: message and exits 1, without running any of it", () => {
    rmSync("/tmp/folio-pwned", { force: true });
    const dir = contentDir(BAD);
    const result = run(tsx, ["--conditions=react-server", "scripts/content-check.ts"], dir);
    expect(result.status).toBe(1);
    const shown = path.relative(process.cwd(), dir);
    expect(result.stderr).toContain(`${shown}/posts/bad-flag.md:4: featured: must be true or false (unquoted)`);
    expect(result.stderr).toMatch(new RegExp(`${shown}/posts/no-title\\.md: title: `));
    expect(result.stderr).toContain(`${shown}/posts/evil.md:1: file: JavaScript front matter ('---js') is refused and never run`);
    expect(result.stderr).toContain(`${shown}/posts/typo.md:5: feautred: is not a field; did you mean 'featured'?`);
    expect(result.stderr).toContain("content:check failed: 10 files, 6 valid, 4 errors, 0 warnings");
    expect(existsSync("/tmp/folio-pwned")).toBe(false);
  });

  it("exits 0 with warnings only, grouped by kind with a count and the first few files", () => {
    const dir = contentDir(WARNED);
    const result = run(tsx, ["--conditions=react-server", "scripts/content-check.ts"], dir);
    expect(result.status).toBe(0);
    const shown = path.relative(process.cwd(), dir);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("warning: unknown fields (ignored): 6 in 5 files");
    expect(lines.slice(1, 4)).toEqual([
      `  ${shown}/posts/w0.md:5: showToc: unknown field 'showToc' is ignored (check the spelling)`,
      `  ${shown}/posts/w0.md:6: subtitle: unknown field 'subtitle' is ignored (check the spelling)`,
      `  ${shown}/posts/w1.md:5: showToc: unknown field 'showToc' is ignored (check the spelling)`,
    ]);
    expect(lines[4]).toBe("  … and 3 more (--verbose lists them all)");
    expect(lines.at(-1)).toBe("content:check ok: 11 files, 11 valid, 0 errors, 6 warnings");
    const verbose = run(tsx, ["--conditions=react-server", "scripts/content-check.ts", "--verbose"], dir);
    expect(verbose.stdout.split("\n").filter((line) => line.includes("showToc"))).toHaveLength(5);
  });

  it("makes npm run build fail before Next starts, with the same list", () => {
    const dir = contentDir({ "bad-flag.md": BAD["bad-flag.md"] });
    const result = run("npm", ["run", "build"], dir);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("posts/bad-flag.md:4: featured: must be true or false (unquoted)");
    expect(result.stdout).not.toContain("Creating an optimized production build");
  });
});
