import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import * as fsPromises from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { appendLineDurable, MAX_LINE_BYTES, readJsonLines, sha256Hex, withFileLock, writeFileAtomic, WriteConflictError } from "./atomic";

// Lets a test make one rename() fail the way a full or read-only disk would; everything else is the real thing.
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  return { ...actual, rename: vi.fn(actual.rename) };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "folio-atomic-"));
});
afterEach(async () => {
  vi.mocked(fsPromises.rename).mockClear();
  await rm(dir, { recursive: true, force: true });
});

const failWith = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });
const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 3));

describe("writeFileAtomic", () => {
  it("keeps a file's permission bits: a 0600 file stays 0600, a 0640 one 0640", async () => {
    for (const mode of [0o600, 0o640, 0o644]) {
      const file = path.join(dir, `m${mode.toString(8)}`);
      await writeFile(file, "old", { mode });
      await fsPromises.chmod(file, mode);
      await writeFileAtomic(file, "new");
      expect((await stat(file)).mode & 0o7777).toBe(mode);
    }
  });

  it("keeps a file's owner when it can (root), and its group", async () => {
    const file = path.join(dir, "owned.md");
    await writeFile(file, "old");
    if (process.getuid?.() === 0) await fsPromises.chown(file, 1234, 5678);
    const before = await stat(file);
    await writeFileAtomic(file, "new");
    const after = await stat(file);
    expect([after.uid, after.gid]).toEqual([before.uid, before.gid]);
  });

  it("compare-and-swap: writes when the file still holds what was read (bytes or their hash)", async () => {
    const file = path.join(dir, "post.md");
    await writeFile(file, "read");
    await writeFileAtomic(file, "one", { expect: Buffer.from("read") });
    await writeFileAtomic(file, "two", { expect: sha256Hex("one") });
    expect(await readFile(file, "utf8")).toBe("two");
  });

  it("compare-and-swap: refuses, writing nothing, when the file changed or went away since it was read", async () => {
    const file = path.join(dir, "post.md");
    await writeFile(file, "edited on disk");
    const refused = writeFileAtomic(file, "toggle", { expect: Buffer.from("as read") });
    await expect(refused).rejects.toBeInstanceOf(WriteConflictError);
    await expect(writeFileAtomic(file, "toggle", { expect: "0".repeat(64) })).rejects.toMatchObject({ code: "ECONFLICT" });
    expect(await readFile(file, "utf8")).toBe("edited on disk");
    await rm(file);
    await expect(writeFileAtomic(file, "toggle", { expect: Buffer.from("edited on disk") })).rejects.toBeInstanceOf(WriteConflictError);
    expect(await readdir(dir)).toEqual([]);
  });

  it("writes, replaces and leaves no temp file behind", async () => {
    const file = path.join(dir, "a.json");
    await writeFileAtomic(file, "one");
    await writeFileAtomic(file, Buffer.from("two"), { mode: 0o600 });
    expect(await readFile(file, "utf8")).toBe("two");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(["a.json"]);
  });

  it("fails clearly for a missing folder", async () => {
    await expect(writeFileAtomic(path.join(dir, "missing", "a.json"), "x")).rejects.toThrow(/missing\/a\.json: its folder does not exist/);
  });

  it("keeps the old file and removes the temp file when the final step fails", async () => {
    const file = path.join(dir, "users.json");
    await writeFile(file, "old");
    vi.mocked(fsPromises.rename).mockRejectedValueOnce(failWith("ENOSPC"));
    await expect(writeFileAtomic(file, "new")).rejects.toThrow(/users\.json: disk full \(ENOSPC\)/);
    expect(await readFile(file, "utf8")).toBe("old");
    expect(await readdir(dir)).toEqual(["users.json"]);
  });

  it("names read-only disks and keeps the error code", async () => {
    const file = path.join(dir, "a.json");
    vi.mocked(fsPromises.rename).mockRejectedValueOnce(failWith("EROFS"));
    await expect(writeFileAtomic(file, "x")).rejects.toMatchObject({ code: "EROFS", message: expect.stringMatching(/read-only or not writable/) });
  });

  it("never lets a reader see a partial file", async () => {
    const file = path.join(dir, "big.txt");
    const versions = ["a", "b", "c", "d"].map((c) => c.repeat(2_000_000));
    await writeFileAtomic(file, versions[0]!);
    let writing = true;
    const writer = (async () => {
      for (const version of [...versions, ...versions]) await writeFileAtomic(file, version);
      writing = false;
    })();
    let reads = 0;
    while (writing) {
      const seen = await readFile(file, "utf8");
      expect(versions).toContain(seen);
      reads += 1;
    }
    await writer;
    expect(reads).toBeGreaterThan(0);
  });

  it("exclusive mode refuses to replace an existing file", async () => {
    const file = path.join(dir, "secret");
    await writeFileAtomic(file, "first", { exclusive: true });
    await expect(writeFileAtomic(file, "second", { exclusive: true })).rejects.toMatchObject({ code: "EEXIST" });
    expect(await readFile(file, "utf8")).toBe("first");
    expect(await readdir(dir)).toEqual(["secret"]);
  });
});

describe("withFileLock", () => {
  const increment = async (file: string) => {
    const value = Number(await readFile(file, "utf8"));
    await pause(); // widen the window in which an unserialized writer would lose an update
    await writeFileAtomic(file, String(value + 1));
  };

  it("serializes read-modify-write cycles on one file", async () => {
    const file = path.join(dir, "counter");
    await writeFile(file, "0");
    await Promise.all(Array.from({ length: 40 }, () => withFileLock(file, () => increment(file))));
    expect(await readFile(file, "utf8")).toBe("40");
  });

  it("is what makes that test pass: without it updates are lost", async () => {
    const file = path.join(dir, "counter");
    await writeFile(file, "0");
    await Promise.all(Array.from({ length: 40 }, () => increment(file)));
    expect(Number(await readFile(file, "utf8"))).toBeLessThan(40);
  });

  it("treats relative and absolute spellings of a path as one lock, and survives a failing holder", async () => {
    const file = path.join(dir, "x");
    const order: string[] = [];
    const first = withFileLock(file, async () => {
      await pause();
      order.push("first");
      throw new Error("boom");
    });
    const second = withFileLock(path.relative(process.cwd(), file), async () => order.push("second"));
    await expect(first).rejects.toThrow("boom");
    await second;
    expect(order).toEqual(["first", "second"]);
  });
});

describe("appendLineDurable and readJsonLines", () => {
  it("round-trips records and reads a missing log as empty", async () => {
    const log = path.join(dir, "audit.jsonl");
    expect(await readJsonLines(log)).toEqual([]);
    await appendLineDurable(log, JSON.stringify({ n: 1 }));
    await appendLineDurable(log, JSON.stringify({ n: 2 }));
    expect(await readFile(log, "utf8")).toBe('{"n":1}\n{"n":2}\n');
    expect(await readJsonLines(log)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it("skips a torn last line, and a later append still starts a fresh line", async () => {
    const log = path.join(dir, "audit.jsonl");
    await writeFile(log, '{"n":1}\n{"n":');
    expect(await readJsonLines(log)).toEqual([{ n: 1 }]);
    await appendLineDurable(log, '{"n":3}');
    const skipped: number[] = [];
    expect(await readJsonLines(log, (line) => skipped.push(line))).toEqual([{ n: 1 }, { n: 3 }]);
    expect(skipped).toEqual([2]);
  });

  it("refuses multi-line and oversized records", async () => {
    const log = path.join(dir, "audit.jsonl");
    await expect(appendLineDurable(log, "a\nb")).rejects.toThrow(/single line/);
    await expect(appendLineDurable(log, "x".repeat(MAX_LINE_BYTES))).rejects.toThrow(/limit is 4096/);
    expect(await readJsonLines(log)).toEqual([]);
  });

  it("keeps every record whole under concurrent appends", async () => {
    const log = path.join(dir, "audit.jsonl");
    const records = Array.from({ length: 200 }, (_, i) => ({ i, pad: "p".repeat(i * 10) }));
    await Promise.all(records.map((r) => appendLineDurable(log, JSON.stringify(r))));
    const read = (await readJsonLines(log)) as { i: number }[];
    expect(read.map((r) => r.i).sort((a, b) => a - b)).toEqual(records.map((r) => r.i));
  });
});
