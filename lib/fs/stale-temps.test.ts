import { mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { STALE_TEMP_MS, writeFileAtomic } from "./atomic";

// A kill -9 between a temp file's creation and its rename leaves the temp file behind (scripts/stress counts them).
// The next successful write of the same file sweeps those, and only those.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "folio-stale-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("removes a dead writer's temp files for the same file once they are stale, and nothing else", async () => {
  const old = new Date(Date.now() - STALE_TEMP_MS - 5_000);
  const names = {
    stale: ".post.md.0123456789abcdef.tmp",
    fresh: ".post.md.fedcba9876543210.tmp",
    otherFile: ".other.md.0123456789abcdef.tmp",
    lookalike: ".post.md.not-a-temp.tmp",
  };
  for (const name of Object.values(names)) await writeFile(path.join(dir, name), "partial");
  for (const name of [names.stale, names.otherFile, names.lookalike]) await utimes(path.join(dir, name), old, old);

  await writeFileAtomic(path.join(dir, "post.md"), "whole");
  expect((await readdir(dir)).sort()).toEqual([names.otherFile, names.lookalike, names.fresh, "post.md"].sort());
});
