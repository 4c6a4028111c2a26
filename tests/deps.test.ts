import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The dependency floor: the first releases that fixed the advisories that reach this design (the proxy/middleware
// authorization bypass and the React Server Components request-decoding flaws in next and react, and code
// execution through MDX expressions in next-mdx-remote). An old lockfile, or an install that resolved an older
// copy, fails here instead of shipping.
const FLOOR: Record<string, string> = {
  next: "16.3.3",
  react: "19.2.8",
  "next-mdx-remote": "6.0.0",
};

const root = path.join(__dirname, "..");

/** Compares two semver versions: negative, zero or positive. A prerelease sorts before its release. */
function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/.exec(v.trim());
    if (!match) throw new Error(`'${v}' is not a semver version`);
    return { core: [Number(match[1]), Number(match[2]), Number(match[3])], pre: match[4]?.split(".") ?? [] };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x.core[i] !== y.core[i]) return x.core[i]! - y.core[i]!;
  if (x.pre.length === 0 || y.pre.length === 0) return y.pre.length - x.pre.length;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const [p, q] = [x.pre[i], y.pre[i]];
    if (p === undefined || q === undefined) return p === undefined ? -1 : 1;
    if (p === q) continue;
    const [np, nq] = [/^\d+$/.test(p), /^\d+$/.test(q)];
    if (np && nq) return Number(p) - Number(q);
    if (np !== nq) return np ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

function installedVersion(name: string): string {
  return JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version;
}

function lockedVersion(name: string): string | undefined {
  const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8"));
  return lock.packages?.[`node_modules/${name}`]?.version;
}

describe("compareVersions", () => {
  it.each([
    ["16.3.2", "16.3.3", -1],
    ["16.3.3", "16.3.3", 0],
    ["16.4.0", "16.3.3", 1],
    ["16.3.10", "16.3.9", 1],
    ["16.3.3-canary.12", "16.3.3", -1],
    ["16.3.3-canary.2", "16.3.3-canary.12", -1],
    ["19.2.8", "19.2.10", -1],
    ["19.10.0", "19.2.8", 1],
    ["5.9.9", "6.0.0", -1],
    ["6.0.0-rc.1", "6.0.0", -1],
  ])("%s vs %s", (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});

describe("dependency floor", () => {
  it.each(Object.entries(FLOOR))("the installed %s is at least %s", (name, floor) => {
    const version = installedVersion(name);
    expect(compareVersions(version, floor), `${name} ${version} is below the floor ${floor}`).toBeGreaterThanOrEqual(0);
  });

  it.each(Object.entries(FLOOR))("the lockfile's %s is at least %s", (name, floor) => {
    const version = lockedVersion(name);
    expect(version, `${name} is not in package-lock.json`).toBeDefined();
    expect(compareVersions(version!, floor), `package-lock.json pins ${name} ${version}, below the floor ${floor}`).toBeGreaterThanOrEqual(0);
  });

  it("has react-dom at exactly react's version, as React requires", () => {
    expect(installedVersion("react-dom")).toBe(installedVersion("react"));
  });
});
