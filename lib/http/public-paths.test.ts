import { describe, expect, it } from "vitest";
import { isPlausiblePublicPath } from "./public-paths";

describe("isPlausiblePublicPath", () => {
  it.each(["/", "/blog", "/blog/a-post", "/blog/page/2", "/blog/page/999999", "/topics/partner-sales/feed.xml", "/tags/caf%C3%A9", "/blog/a/social-card.png", `/blog/${"a".repeat(255)}`, "/blog/a..b", "/admin/posts/a-post", `/share/${"aZ0_-".repeat(8)}abc`])(
    "lets %s through to the app",
    (path) => expect(isPlausiblePublicPath(path)).toBe(true),
  );

  it.each([
    ["a segment over 255 bytes", `/blog/${"a".repeat(256)}`],
    ["a segment over 255 bytes once decoded", `/topics/${"%C3%A9".repeat(128)}`],
    ["a malformed escape", "/blog/a%zz"],
    ["an encoded slash", "/blog/..%2f..%2fetc%2fpasswd"],
    ["an encoded backslash", "/blog/C:%5Cwindows"],
    ["a NUL", "/blog/a%00b"],
    ["a page number that is not one", "/blog/page/x1"],
    ["a page number with a leading zero", "/blog/page/01"],
    ["a page number of seven digits", "/blog/page/1234567"],
    ["a path over 2 KiB", `/${"a/".repeat(1100)}`],
    ["an encoded dot-dot segment", "/admin/preview/%2e%2e"],
    ["an encoded dot segment", "/blog/%2E/a-post"],
    ["a share token one character short", `/share/${"a".repeat(42)}`],
    ["a share token one character long", `/share/${"a".repeat(44)}`],
    ["a share token with a character base64url lacks", `/share/${"a".repeat(42)}+`],
    ["a share link without a token", "/share"],
    ["a path below a share link", `/share/${"a".repeat(43)}/more`],
  ])("refuses %s", (_label, path) => expect(isPlausiblePublicPath(path)).toBe(false));
});
