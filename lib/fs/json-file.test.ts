import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { readJsonFile, updateJsonFile } from "./json-file";

const dir = mkdtempSync(path.join(tmpdir(), "folio-json-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schema = z.object({ version: z.literal(1), names: z.array(z.string()) });
const options = { missing: { version: 1 as const, names: [] }, advice: "delete it to start over" };

describe("readJsonFile", () => {
  it("reads a file of the schema's shape, and gives `missing` when there is no file", async () => {
    const file = path.join(dir, "good.json");
    writeFileSync(file, JSON.stringify({ version: 1, names: ["ada"], extra: true }));
    expect(await readJsonFile(file, schema, options)).toEqual({ version: 1, names: ["ada"] });
    expect(await readJsonFile(path.join(dir, "absent.json"), schema, options)).toEqual({ version: 1, names: [] });
  });

  it("names the file, the problem and the way out when the file is not JSON or not of the shape", async () => {
    const torn = path.join(dir, "torn.json");
    writeFileSync(torn, '{"version": 1, "na');
    await expect(readJsonFile(torn, schema, options)).rejects.toThrow(/torn\.json is not valid JSON \(.+\); delete it to start over$/);
    const wrong = path.join(dir, "wrong.json");
    writeFileSync(wrong, JSON.stringify({ version: 2, names: [3] }));
    await expect(readJsonFile(wrong, schema, options)).rejects.toThrow(/wrong\.json is invalid: version: .+; names\.0: .+; delete it to start over$/);
  });

  it("says so when the path cannot be read at all", async () => {
    await expect(readJsonFile(dir, schema, options)).rejects.toThrow(/^Could not read .*folio-json-file-/);
  });
});

describe("updateJsonFile", () => {
  it("creates the file (0600, in a new 0700 folder), changes it under its lock, and returns the change's result", async () => {
    const file = path.join(dir, "nested", "names.json");
    const add = (name: string) => updateJsonFile(file, schema, options, (current) => ({ next: { ...current, names: [...current.names, name] }, result: current.names.length }));
    // Concurrent read-modify-writes never lose an update; the lock decides their order, not the order of the calls.
    const seen = await Promise.all(["a", "b", "c"].map(add));
    expect([...seen].sort()).toEqual([0, 1, 2]);
    const { names } = await readJsonFile(file, schema, options);
    expect([...names].sort()).toEqual(["a", "b", "c"]);
    // Each change saw exactly the names written before it.
    expect(["a", "b", "c"].map((name, i) => names.indexOf(name) === seen[i])).toEqual([true, true, true]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
  });

  it("writes nothing when the change throws or returns content of the wrong shape", async () => {
    const file = path.join(dir, "kept.json");
    writeFileSync(file, JSON.stringify({ version: 1, names: ["kept"] }));
    await expect(updateJsonFile(file, schema, options, () => { throw new Error("no"); })).rejects.toThrow("no");
    // The schema is checked before the write, so a bug in a caller cannot leave an unreadable state file behind.
    await expect(updateJsonFile(file, schema, options, () => ({ next: { version: 1, names: [7] } as never, result: null }))).rejects.toThrow();
    expect(await readJsonFile(file, schema, options)).toEqual({ version: 1, names: ["kept"] });
  });
});
