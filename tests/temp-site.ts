import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, vi } from "vitest";
import { invalidateContentIndex } from "@/lib/content";

/**
 * Gives each test a scratch copy of a fixture site as CONTENT_DIR (and an empty DATA_DIR beside it), with the
 * loader's cache cleared; returns a getter for the temp folder, which holds `content/` and `data/`.
 */
export function useTempSite(fixture: string): () => string {
  let root = "";
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "folio-site-"));
    await cp(path.resolve(fixture), path.join(root, "content"), { recursive: true });
    vi.stubEnv("CONTENT_DIR", path.join(root, "content"));
    vi.stubEnv("DATA_DIR", path.join(root, "data"));
    invalidateContentIndex();
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    invalidateContentIndex();
    await rm(root, { recursive: true, force: true });
  });
  return () => root;
}
