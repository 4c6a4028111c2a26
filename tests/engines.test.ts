import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";

// What the README promises ("Node.js 22 or 24; 20.19 and later still work") is package.json's `engines`; every
// package the lockfile installs on Linux must allow the oldest release of each line it names, so `npm install`
// prints no EBADENGINE on any of them.

const root = path.join(__dirname, "..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { engines: { node: string } };
type LockEntry = { engines?: { node?: string } | string[]; os?: string[]; cpu?: string[]; optional?: boolean };
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };

/** The first release of each line the range allows: `^20.19.0 || ^22.13.0 || >=24.0.0` → 20.19.0, 22.13.0, 24.0.0. */
function oldestOfEachLine(range: string): string[] {
  return new semver.Range(range).set.map((comparators) => semver.minVersion(new semver.Range(comparators.map(String).join(" ")))!.version);
}

/** Packages npm would install here: not marked for another OS or CPU. */
function installedOnLinux(entry: LockEntry): boolean {
  return (!entry.os || entry.os.includes("linux")) && (!entry.cpu || entry.cpu.includes(process.arch));
}

/** Each installed package whose engines refuse one of `versions`, as "name (range) refuses version". */
function refusals(packages: Record<string, LockEntry>, versions: string[]): string[] {
  return Object.entries(packages).flatMap(([name, entry]) => {
    const range = !name || Array.isArray(entry.engines) ? undefined : entry.engines?.node;
    if (!range || !installedOnLinux(entry)) return [];
    return versions.filter((version) => !semver.satisfies(version, range)).map((version) => `${name} (${range}) refuses ${version}`);
  });
}

describe("Node.js versions", () => {
  it("package.json promises the current LTS lines, 22 and 24, and keeps 20.19+", () => {
    expect(oldestOfEachLine(pkg.engines.node)).toEqual(["20.19.0", "22.13.0", "24.0.0"]);
    expect(semver.satisfies("20.18.3", pkg.engines.node)).toBe(false); // entities@9 and vite 8 need 20.19
    expect(semver.satisfies(process.versions.node, pkg.engines.node), "the Node.js running this test").toBe(true);
  });

  it("every dependency's engines allow each of those versions", () => {
    expect(refusals(lock.packages, oldestOfEachLine(pkg.engines.node))).toEqual([]);
  });

  it("names a dependency that refuses one of them, and skips packages for other platforms", () => {
    const packages: Record<string, LockEntry> = {
      "node_modules/@axe-core/playwright": { engines: { node: ">=22.12.0" } },
      "node_modules/@next/swc-darwin-arm64": { engines: { node: ">= 10" }, os: ["darwin"] },
      "node_modules/old": { engines: ["node >= 0.8"] },
    };
    expect(refusals(packages, ["20.19.0", "22.13.0"])).toEqual(["node_modules/@axe-core/playwright (>=22.12.0) refuses 20.19.0"]);
  });
});
