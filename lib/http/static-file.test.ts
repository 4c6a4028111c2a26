import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentTypeOf, fileResponse } from "./static-file";

function file(name: string, text: string) {
  const full = path.join(mkdtempSync(path.join(tmpdir(), "folio-file-")), name);
  writeFileSync(full, text);
  const stats = statSync(full);
  return { file: full, size: stats.size, mtimeMs: stats.mtimeMs };
}

describe("fileResponse", () => {
  it("sends the type from the extension, never sniffed, with an ETag and the body", async () => {
    const css = file("site.css", "body{}");
    const response = fileResponse(css, new Request("http://x/site.css"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-length")).toBe("6");
    expect(await response.text()).toBe("body{}");
    const again = fileResponse(css, new Request("http://x/site.css", { headers: { "if-none-match": response.headers.get("etag")! } }));
    expect(again.status).toBe(304);
  });

  it("sandboxes SVG so it cannot script the site", () => {
    const response = fileResponse(file("logo.svg", "<svg/>"), new Request("http://x/logo.svg"));
    expect(response.headers.get("content-security-policy")).toMatch(/default-src 'none'.*sandbox/);
  });

  it("sends an unknown type as a download, and HEAD without a body", async () => {
    const response = fileResponse(file("archive.bin", "abc"), new Request("http://x/archive.bin", { method: "HEAD" }));
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(response.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''archive.bin");
    expect(await response.text()).toBe("");
  });

  it("names the common types", () => {
    expect(["a.png", "a.JPG", "a.ico", "a.svg", "a.woff2", "a.pdf"].map(contentTypeOf)).toEqual(["image/png", "image/jpeg", "image/x-icon", "image/svg+xml", "font/woff2", "application/pdf"]);
  });
});
