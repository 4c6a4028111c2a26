import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { readEnv } from "@/lib/config/env";

/**
 * A small content-addressed cache on disk, under the build folder's `cache/` (which `next build` keeps between
 * builds): results of pure functions of a file's bytes (parsing, markdown rendering), so a rebuild, a build worker
 * or a freshly started server does not redo them. Every key includes a fingerprint of the code that made the value,
 * so a change to that code, or to any dependency, is a miss. Any failure here is a miss, never an error.
 */

/** The folder for Folio's caches, or null when FOLIO_DISK_CACHE=0. Follows FOLIO_DIST_DIR like next.config.ts. */
export function cacheFolder(name: string): string | null {
  if (!readEnv("FOLIO_DISK_CACHE")) return null;
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), readEnv("FOLIO_DIST_DIR"), "cache", "folio", name);
}

const fingerprints = new Map<string, string | null>();

/**
 * SHA-256 over the named source files (relative to the project root) and package-lock.json: the code whose output
 * is cached. Null when one cannot be read (a deployment without sources), and then nothing is cached on disk.
 */
export function codeFingerprint(sources: readonly string[]): string | null {
  const id = sources.join("\n");
  if (!fingerprints.has(id)) {
    try {
      const hash = createHash("sha256");
      for (const file of [...sources, "package-lock.json"]) {
        hash.update(file).update("\0").update(readFileSync(path.join(/* turbopackIgnore: true */ process.cwd(), file)));
      }
      fingerprints.set(id, hash.digest("hex").slice(0, 16));
    } catch {
      fingerprints.set(id, null);
    }
  }
  return fingerprints.get(id)!;
}

/** SHA-256 of the given parts, hex: a cache key. */
export function cacheKey(...parts: ReadonlyArray<string | Buffer>): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
}

/**
 * The entry at `file` parsed by `schema`, or undefined when it is missing, unreadable, not JSON (a torn write) or
 * not of the schema's shape (written by older code, or tampered with): a miss, never a value that lies about its type.
 */
export function readCacheFile<S extends z.ZodType>(file: string, schema: S): z.output<S> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** Writes `value` as JSON to `file` through a temp file and a rename, so a reader never sees half of it. */
export function writeCacheFile(file: string, value: unknown): void {
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, JSON.stringify(value));
    renameSync(temp, file);
  } catch {
    rmSync(temp, { force: true });
  }
}
