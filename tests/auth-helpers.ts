import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, vi } from "vitest";
import type { Role } from "@/lib/auth/config";
import { hashPassword } from "@/lib/auth/passwords";

// Helpers shared by the lib/auth tests.

/** Points DATA_DIR at a fresh temp folder (not yet created) for each test; returns a getter for its path. */
export function useTempDataDir(): () => string {
  let root = "";
  let dir = "";
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), "folio-auth-"));
    dir = path.join(root, "data");
    vi.stubEnv("DATA_DIR", dir);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(root, { recursive: true, force: true });
  });
  return () => dir;
}

/** scrypt parameters that make a hash take a millisecond; verification reads them from the hash. */
export const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

/** Writes users.json directly (creating DATA_DIR), with cheap password hashes of `password`. */
export async function seedUsers(dir: string, users: { email: string; role: Role }[], password = "a good long password"): Promise<void> {
  await mkdir(dir, { recursive: true });
  const at = new Date("2026-01-01T00:00:00Z").toISOString();
  const records = await Promise.all(
    users.map(async (u) => ({ ...u, passwordHash: await hashPassword(password, FAST_SCRYPT), createdAt: at, updatedAt: at })),
  );
  await writeFile(path.join(dir, "users.json"), JSON.stringify({ version: 1, users: records }));
}
