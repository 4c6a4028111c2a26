import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { appendToInstanceLog, instanceLogFile, readMergedLog } from "./instance-log";

let dir: string;
beforeEach(() => {
  dir = path.join(mkdtempSync(path.join(os.tmpdir(), "folio-log-")), "audit");
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(path.dirname(dir), { recursive: true, force: true });
});

const record = (n: number, who: string) => JSON.stringify({ at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(), who, n });

describe("a log with one file per instance", () => {
  it("keeps each instance's appends in its own file, and reads them merged in time order", async () => {
    const writes: Promise<void>[] = [];
    for (let n = 0; n < 40; n++) {
      vi.stubEnv("FOLIO_INSTANCE", n % 2 ? "host-a-3000" : "host-b-3000");
      writes.push(appendToInstanceLog(dir, record(n, n % 2 ? "a" : "b")));
    }
    await Promise.all(writes);
    expect(readdirSync(dir).sort()).toEqual(["host-a-3000.jsonl", "host-b-3000.jsonl"]);
    const a = readFileSync(path.join(dir, "host-a-3000.jsonl"), "utf8").trim().split("\n");
    expect(a.map((line) => JSON.parse(line).who)).toEqual(Array(20).fill("a"));
    const merged = (await readMergedLog(dir)) as Array<{ n: number }>;
    expect(merged.map((r) => r.n)).toEqual(Array.from({ length: 40 }, (_, n) => n));
  });

  it("names this instance's file by FOLIO_INSTANCE, else by host name and port", () => {
    vi.stubEnv("FOLIO_INSTANCE", "web-1");
    expect(instanceLogFile(dir)).toBe(path.join(dir, "web-1.jsonl"));
    vi.stubEnv("FOLIO_INSTANCE", undefined);
    vi.stubEnv("PORT", "3465");
    expect(path.basename(instanceLogFile(dir))).toBe(`${os.hostname().replace(/[^A-Za-z0-9._-]+/g, "_")}-3465.jsonl`);
  });

  it("skips a record a crash cut short, reads the single file of old too, and reads only the end of each file", async () => {
    vi.stubEnv("FOLIO_INSTANCE", "web-1");
    await appendToInstanceLog(dir, record(2, "a"));
    appendFileSync(instanceLogFile(dir), '{"at":"2026-01-01T00:00:09.000Z","who":"torn"'); // killed mid-append
    const legacy = path.join(path.dirname(dir), "audit.jsonl");
    writeFileSync(legacy, `${record(1, "old")}\nnot json\n${record(3, "old")}\n`);
    expect(((await readMergedLog(dir, { legacyFile: legacy })) as Array<{ who: string }>).map((r) => r.who)).toEqual(["old", "a", "old"]);
    // The next append closes the torn line first, so it is still a record of its own.
    await appendToInstanceLog(dir, record(4, "a"));
    expect(((await readMergedLog(dir)) as Array<{ n: number }>).map((r) => r.n)).toEqual([2, 4]);
    const tail = (await readMergedLog(dir, { legacyFile: legacy, tailBytes: record(3, "old").length + 1 })) as Array<{ n: number }>;
    expect(tail.map((r) => r.n)).toEqual([3, 4]);
  });

  it("is empty when nothing was ever written", async () => {
    expect(await readMergedLog(dir)).toEqual([]);
  });
});
