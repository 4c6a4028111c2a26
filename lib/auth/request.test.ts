import { describe, expect, it } from "vitest";
import { safeNextPath } from "./request";

// Where sign-in may send someone afterwards. e2e/hardening.spec.ts drives the same values through the real form
// and the signed-in redirect; this pins the rule itself, case by case.
describe("safeNextPath", () => {
  it.each([
    ["/admin", "/admin"],
    ["/admin/preview/a-post", "/admin/preview/a-post"],
    ["/admin?status=draft&q=x", "/admin?status=draft&q=x"],
    ["/admin#row", "/admin"],
    ["/admin//evil.test", "/admin//evil.test"],
    ["/admin/preview/../", "/admin/"],
  ])("keeps %j on this site as %j", (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });

  it.each([
    "//evil.test",
    "https://evil.test",
    "/\\evil.test",
    "\\\\evil.test",
    "///evil.test",
    "/admin/..//evil.test",
    "/admin/../..//evil.test",
    "/admin/%2e%2e//evil.test",
    "/admin/.%2e//evil.test",
    "/admin/../\\evil.test",
    "/admin\t//evil.test",
    "/admin\r\nSet-Cookie: x=1",
    " /admin",
    "/administrator",
    "/admin/../blog",
    "javascript:alert(1)",
    "/" + "a".repeat(600),
    "",
    undefined,
    null,
    ["/admin"],
  ])("sends %j to /admin instead", (raw) => {
    expect(safeNextPath(raw)).toBe("/admin");
  });

  it("never returns something a browser would read as another host", () => {
    const tricks = ["/admin/..", "/admin/../", "/admin/./..//x", "/admin/..%2f/x", "/admin/%2e%2e/%2e%2e//x.test/y", "/admin?//evil.test"];
    for (const raw of tricks) {
      const next = safeNextPath(raw);
      expect(next, raw).toMatch(/^\/admin(?:[/?]|$)/);
      expect(new URL(next, "https://folio.example").host, raw).toBe("folio.example");
    }
  });
});
