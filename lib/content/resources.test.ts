import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { invalidateContentIndex, loadContentIndex, type ContentIndex } from "./load";
import { findResource } from "./resources";

// A copy of linkerd's fixture (static/, leaf bundles with images) with hostile files added around it.
const NOW = Date.UTC(2026, 11, 1);
const POST = "/2019/09/18/happy-birthday-linkerd/";
let root: string;
let outside: string;
let index: ContentIndex;

beforeAll(async () => {
  const work = mkdtempSync(path.join(tmpdir(), "folio-resources-"));
  root = path.join(work, "site");
  outside = path.join(work, "outside");
  cpSync(path.join(__dirname, "../../tests/fixtures/hugo/linkerd"), root, { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(outside, "secret.txt"), "secret");
  writeFileSync(path.join(root, "static", ".env"), "TOKEN=1");
  mkdirSync(path.join(root, "static", ".well-known"));
  writeFileSync(path.join(root, "static", ".well-known", "security.txt"), "Contact: mailto:security@example.org");
  writeFileSync(path.join(root, "static", ".well-known", ".secret"), "hidden");
  writeFileSync(path.join(root, "static", "notes.md"), "# not served");
  writeFileSync(path.join(root, "static", "page.html"), "<p>static page</p>");
  symlinkSync(path.join(outside, "secret.txt"), path.join(root, "static", "leak.txt"));
  symlinkSync(path.join(root, "config", "_default", "hugo.yaml"), path.join(root, "static", "config.yaml"));
  const bundle = path.join(root, "content", "blog", "2019", "0918-happy-birthday-linkerd");
  writeFileSync(path.join(bundle, "extra.md"), "---\ntitle: x\n---\n");
  invalidateContentIndex();
  index = await loadContentIndex(root, NOW);
});

afterEach(() => vi.unstubAllEnvs());

describe("findResource", () => {
  it("finds a static file and a bundle's image beside its post", () => {
    expect(findResource(index, "/images/linkerd-logo-gradient.svg", NOW)?.file).toBe(path.join(root, "static", "images", "linkerd-logo-gradient.svg"));
    expect(findResource(index, `${POST}cover.png`, NOW)?.file).toMatch(/0918-happy-birthday-linkerd\/cover\.png$/);
    expect(findResource(index, `${POST}cover.png`.replace("cover", "c%6Fver"), NOW)).not.toBeNull();
  });

  it("serves static/.well-known/ (security.txt), as Hugo copies it, and nothing hidden inside it", () => {
    expect(findResource(index, "/.well-known/security.txt", NOW)?.file).toBe(path.join(root, "static", ".well-known", "security.txt"));
    expect(findResource(index, "/.well-known/.secret", NOW)).toBeNull();
    expect(findResource(index, "/images/.well-known/security.txt", NOW)).toBeNull();
  });

  it("refuses paths that climb out, hidden files, and anything but a plain segment", () => {
    for (const bad of ["/../outside/secret.txt", "/images/../../outside/secret.txt", "/%2e%2e/outside/secret.txt", "/.env", "/images/%00x", "/images\\x.svg", `${POST}..%2findex.md`]) {
      expect(findResource(index, bad, NOW), bad).toBeNull();
    }
  });

  it("never serves markdown, a bundle's page, the site's configuration or a link that leaves the folder", () => {
    expect(findResource(index, "/notes.md", NOW)).toBeNull();
    expect(findResource(index, `${POST}index.md`, NOW)).toBeNull();
    expect(findResource(index, `${POST}extra.md`, NOW)).toBeNull();
    expect(findResource(index, "/leak.txt", NOW)).toBeNull();
    expect(findResource(index, "/config.yaml", NOW)).toBeNull();
    // A static folder's HTML is the site's own file (Hugo copies it); it is served with a sandbox (static-file.ts).
    expect(findResource(index, "/page.html", NOW)).not.toBeNull();
  });

  it("never serves DATA_DIR, even when it sits inside a static folder", () => {
    const data = path.join(root, "static", "data");
    mkdirSync(data);
    writeFileSync(path.join(data, "users.json"), "{}");
    vi.stubEnv("DATA_DIR", data);
    expect(findResource(index, "/data/users.json", NOW)).toBeNull();
  });

  it("serves nothing of a post that is not public (its bundle's files included)", async () => {
    const draftIndex = { ...index, posts: index.posts.map((p) => (p.path === POST ? { ...p, draft: true } : p)) };
    // A new index object: its route table is built afresh.
    expect(findResource(draftIndex, `${POST}cover.png`, NOW)).toBeNull();
  });
});
