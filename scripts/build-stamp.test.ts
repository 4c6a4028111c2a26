import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { currentTarget, rebuildReason } from "./build-stamp.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A build folder with a BUILD_ID, stamped by the postbuild script itself with `env`. */
function stampedBuild(env: Record<string, string>): string {
  const distDir = mkdtempSync(path.join(tmpdir(), "folio-stamp-"));
  dirs.push(distDir);
  writeFileSync(path.join(distDir, "BUILD_ID"), "x");
  execFileSync(process.execPath, ["scripts/build-stamp.mjs"], { cwd: ROOT, env: { ...process.env, ...env, FOLIO_DIST_DIR: distDir } });
  return distDir;
}

describe("npm start builds again for another site", () => {
  it("serves a build made for the same CONTENT_DIR and SITE_URL, relative or absolute", () => {
    const distDir = stampedBuild({ CONTENT_DIR: "content", SITE_URL: "https://example.org" });
    expect(JSON.parse(readFileSync(path.join(distDir, "folio-build.json"), "utf8"))).toEqual({ contentDir: path.join(ROOT, "content"), siteUrl: "https://example.org" });
    const same = currentTarget({ CONTENT_DIR: path.join(ROOT, "content"), SITE_URL: "https://example.org", FOLIO_DIST_DIR: distDir });
    expect(rebuildReason(distDir, same.stamp)).toBeNull();
  });

  it("builds again for another CONTENT_DIR or SITE_URL, for a build that does not say, and when there is none", () => {
    const distDir = stampedBuild({ CONTENT_DIR: "", SITE_URL: "" });
    const hugo = currentTarget({ CONTENT_DIR: "/srv/my-hugo-site", FOLIO_DIST_DIR: distDir });
    expect(rebuildReason(distDir, hugo.stamp)).toBe(`the build was made for CONTENT_DIR=${path.join(ROOT, "content")}, not /srv/my-hugo-site`);
    const moved = currentTarget({ SITE_URL: "https://example.org", FOLIO_DIST_DIR: distDir });
    expect(rebuildReason(distDir, moved.stamp)).toBe("the build was made for SITE_URL=(unset), not https://example.org");
    rmSync(path.join(distDir, "folio-build.json"));
    expect(rebuildReason(distDir, moved.stamp)).toBe("the build does not say which content it was made for");
    rmSync(path.join(distDir, "BUILD_ID"));
    expect(rebuildReason(distDir, moved.stamp)).toBe("no production build yet");
  });
});
