import { describe, expect, it } from "vitest";
import { derivedReports } from "./derived-reports";
import type { FileReport } from "./load";

const report = (file: string): FileReport => ({ file, issues: [] });

describe("derivedReports", () => {
  it("hands back the report it made from the same report while it still holds, and makes a new one when not", () => {
    const derive = derivedReports();
    const source = report("a.md");
    let title = "One";
    const make = () => ({ ...source, file: `${source.file}#${title}` });
    const first = derive(source, (known) => known.file.endsWith(title), make);
    expect(first.file).toBe("a.md#One");
    expect(derive(source, (known) => known.file.endsWith(title), make)).toBe(first);
    title = "Two";
    const second = derive(source, (known) => known.file.endsWith(title), make);
    expect(second).not.toBe(first);
    expect(second.file).toBe("a.md#Two");
    expect(derive(source, (known) => known.file.endsWith(title), make)).toBe(second);
  });

  it("keeps what it made per source report, and each derivation apart", () => {
    const pages = derivedReports();
    const others = derivedReports();
    const a = report("a.md");
    const b = report("b.md");
    const fromA = pages(a, () => true, () => ({ ...a }));
    const fromB = pages(b, () => true, () => ({ ...b }));
    expect(fromA.file).toBe("a.md");
    expect(fromB.file).toBe("b.md");
    expect(pages(a, () => true, () => ({ ...a }))).toBe(fromA);
    expect(others(a, () => true, () => ({ ...a }))).not.toBe(fromA);
  });
});
