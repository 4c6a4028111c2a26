import * as fsPromises from "node:fs/promises";
import { mkdir } from "node:fs/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useTempDataDir } from "@/tests/auth-helpers";
import { dataDirProblem, noteDataDirFailure, noteDataDirSuccess } from "./data-dir-health";

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  return { ...actual, access: vi.fn(actual.access) };
});

const dataDir = useTempDataDir();
afterEach(() => {
  vi.mocked(fsPromises.access).mockReset();
  noteDataDirSuccess();
});

describe("dataDirProblem", () => {
  it("says nothing for a writable DATA_DIR, or one not made yet", async () => {
    expect(await dataDirProblem()).toBeNull();
    await mkdir(dataDir(), { recursive: true });
    expect(await dataDirProblem()).toBeNull();
  });

  it("names the folder and the cause when it is read-only (checked at each page)", async () => {
    await mkdir(dataDir(), { recursive: true });
    vi.mocked(fsPromises.access).mockRejectedValueOnce(Object.assign(new Error("EROFS"), { code: "EROFS" }));
    expect(await dataDirProblem()).toBe(`Folio cannot save anything right now: DATA_DIR (${dataDir()}) is read-only. Pages still show; signing in, changes and the audit log fail until it is fixed.`);
  });

  it("reports a full disk seen by a recent write, until a write succeeds again", async () => {
    await mkdir(dataDir(), { recursive: true });
    noteDataDirFailure(Object.assign(new Error("full"), { code: "ENOSPC" }));
    expect(await dataDirProblem()).toMatch(/is on a full disk/);
    noteDataDirSuccess();
    expect(await dataDirProblem()).toBeNull();
  });
});
