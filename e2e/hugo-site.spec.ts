import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { startHugoServer, type HugoServer } from "./hugo-server";

// CONTENT_DIR pointing at the root of a real Hugo site: every URL Hugo 0.111.3 served for it answers on Folio.
// Expected URLs, titles, aliases and files come from Hugo's own output for each fixture (expected-urls.tsv and
// hugo-files.tsv beside it), never from Folio. Each site gets its own server (e2e/hugo-server.ts).

const FIXTURES = path.join(__dirname, "..", "tests", "fixtures", "hugo");

type Row = { source: string; lang: string; kind: string; url: string };

function pages(fixture: string): Row[] {
  const [, ...lines] = readFileSync(path.join(FIXTURES, fixture, "expected-urls.tsv"), "utf8").trim().split("\n");
  return lines.map((line) => {
    const [source, lang, kind, url] = line.split("\t") as [string, string, string, string];
    return { source, lang, kind, url };
  });
}

function hugoOutput(fixture: string, kind: "alias" | "title" | "file"): Map<string, string> {
  const rows = readFileSync(path.join(FIXTURES, fixture, "hugo-files.tsv"), "utf8").trim().split("\n").map((line) => line.split("\t"));
  return new Map(rows.filter((row) => row[0] === kind).map((row) => [row[1]!, row[2] ?? ""]));
}

/**
 * Folio sets titles with the body's typography (curly quotes, dashes, ellipses) where Hugo's themes print them as
 * written: both sides are compared with that punctuation folded back to plain ASCII.
 */
const fold = (text: string) => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/…/g, "...").replace(/—/g, "---").replace(/–/g, "--");
const titleOf = (html: string) => fold(/<title>([^<]*)<\/title>/.exec(html)?.[1]?.replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, "&") ?? "");
const encode = (url: string) => encodeURI(url);

test.describe.configure({ mode: "serial", timeout: 300_000 });

test.describe("a Hugo site with drafts, expiry, aliases, nested sections, translations and a sub-path baseURL (papermod)", () => {
  let server: HugoServer;
  let api: APIRequestContext;
  const fixture = "papermod";
  const basePath = "/hugo-PaperMod";
  // Posts Hugo left out (draft: true, or expiryDate 2026-05-08, past): where Hugo would have put them (this site has
  // no permalinks: its content path), with their titles as written.
  const unpublished = [
    { url: "/posts/papermod/papermod-faq/", title: "FAQs / How To's Guide" },
    { url: "/posts/papermod/papermod-features/", title: "Features / Mods" },
    { url: "/posts/inner-section/cover-page/", title: "Cover Image" },
  ];

  test.beforeAll(async () => {
    server = await startHugoServer(fixture);
    api = await request.newContext({ baseURL: server.origin, maxRedirects: 0 });
  });
  test.afterAll(async () => {
    await api?.dispose();
    await server?.stop();
  });

  /** The page Hugo served for `row`, fetched at its Hugo URL: 200, Hugo's title, its own canonical URL. */
  async function hugoPage(row: Row, titles: Map<string, string>): Promise<{ url: string; html: string }> {
    const url = decodeURIComponent(row.url.slice(basePath.length));
    const response = await api.get(encode(url));
    expect(response.status(), url).toBe(200);
    const html = await response.text();
    expect(titleOf(html), url).toContain(fold(titles.get(url)!));
    expect(html, url).toContain(`<link rel="canonical" href="${server.origin}${encode(url)}"`);
    return { url, html };
  }

  test("each post and page answers 200 at its Hugo URL, with Hugo's title and its own canonical URL", async () => {
    const titles = hugoOutput(fixture, "title");
    const rows = pages(fixture).filter((row) => row.lang === "en" && row.kind === "page");
    expect(rows.length).toBeGreaterThan(8);
    for (const row of rows) await hugoPage(row, titles);
  });

  test("the other spelling, the baseURL's path, aliases and /blog/SLUG redirect to the Hugo URL", async () => {
    const cases: [string, string][] = [
      ["/posts/markdown-syntax", "/posts/markdown-syntax/"],
      [`${basePath}/posts/markdown-syntax/`, "/posts/markdown-syntax/"],
      ["/posts/code-syntax/", "/posts/code_syntax/"],
      ["/blog/code-syntax", "/posts/code_syntax/"],
      // A language's URL of a post it has no translation of: the default language's post.
      ["/fr/posts/code_syntax/", "/posts/code_syntax/"],
    ];
    for (const [alias, target] of hugoOutput(fixture, "alias")) if (alias !== "/en/") cases.push([alias, target]);
    for (const [from, to] of cases) {
      const response = await api.get(encode(from));
      expect([301, 308], from).toContain(response.status());
      expect(new URL(response.headers().location!, server.origin).pathname, from).toBe(encode(to));
    }
  });

  test("each translation answers 200 at its Hugo URL, in its language and direction, linked to the others", async () => {
    const titles = hugoOutput(fixture, "title");
    const rows = pages(fixture).filter((row) => row.lang !== "en" && row.kind === "page");
    expect(rows.map((row) => row.lang).sort()).toEqual(["fa", "fr"]);
    for (const row of rows) {
      const { url, html } = await hugoPage(row, titles);
      // Hugo's config writes Persian right to left (languagedirection: rtl).
      expect(/<article class="post"[^>]*>/.exec(html)?.[0], url).toBe(`<article class="post" lang="${row.lang}"${row.lang === "fa" ? ' dir="rtl"' : ""}>`);
      for (const [lang, path] of [["en", "/posts/markdown-syntax/"], [row.lang, url]]) {
        expect(html, `${url} → ${lang}`).toMatch(new RegExp(`<link rel="alternate" hreflang="${lang}" href="${server.origin}${path}"`, "i"));
      }
    }
    // The original names its translations too.
    const original = await (await api.get("/posts/markdown-syntax/")).text();
    expect(original).toMatch(new RegExp(`<link rel="alternate" hreflang="fr" href="${server.origin}/fr/posts/markdown-syntax/"`, "i"));
  });

  test("translations are in none of the default language's lists or feeds, and in the sitemap", async () => {
    const translated = ["Markdown Syntax Guide For L2", "Markdown Syntax Guide For RTL"];
    expect([...hugoOutput(fixture, "title").values()]).toEqual(expect.arrayContaining(translated));
    for (const url of ["/", "/blog", "/posts/", "/feed.xml", "/atom.xml", "/feed.json", "/tags/markdown/"]) {
      const response = await api.get(url);
      expect(response.status(), url).toBe(200);
      const body = await response.text();
      for (const title of translated) expect(body, `${url} lists "${title}"`).not.toContain(title);
    }
    // The sitemap names every language's URLs, as search engines accept in one sitemap.
    const sitemap = await (await api.get("/sitemap.xml")).text();
    for (const url of ["/fr/posts/markdown-syntax/", "/fa/posts/markdown-syntax/"]) expect(sitemap).toContain(`${server.origin}${url}`);
  });

  test("section lists and taxonomy pages answer at Hugo's URLs", async () => {
    const titles = hugoOutput(fixture, "title");
    for (const url of ["/posts/", "/posts/inner-section/", "/tags/", "/categories/", "/tags/markdown/", "/categories/themes/"]) {
      const response = await api.get(url);
      expect(response.status(), url).toBe(200);
      expect(titleOf(await response.text()), url).toContain(fold(titles.get(url)!));
    }
    expect((await api.get("/posts/page/2/")).status()).toBe(200);
    expect((await api.get("/posts/page/99/")).status()).toBe(404);
  });

  test("a draft or expired post answers 404 and appears in no list, feed, sitemap or taxonomy page", async () => {
    for (const { url } of unpublished) {
      expect((await api.get(url)).status(), url).toBe(404);
      expect((await api.get(`${basePath}${url}`)).status(), url).toBe(404);
    }
    const everywhere = ["/", "/blog", "/posts/", "/posts/papermod/", "/feed.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/tags/", "/tags/papermod/", "/tags/docs/"];
    for (const url of everywhere) {
      const response = await api.get(url);
      if (response.status() === 404) continue;
      expect(response.status(), url).toBe(200);
      const body = await response.text();
      for (const { url: hidden, title } of unpublished) {
        expect(body, `${url} names ${hidden}`).not.toContain(hidden);
        expect(fold(body.replace(/&#x27;|&#39;/g, "'")), `${url} names "${title}"`).not.toContain(fold(title));
      }
    }
  });

  test("an unknown URL is the site's 404 page, and the internal routes answer nothing by name", async () => {
    for (const url of ["/no/such/page/", "/hugo/page/about", "/hugo/section/1/posts", "/tags/no-such-tag/", "/posts/page/x/"]) {
      expect((await api.get(url)).status(), url).toBe(404);
    }
  });
});

test.describe("a Hugo site with permalinks, leaf bundles with images and static files (linkerd)", () => {
  let server: HugoServer;
  let api: APIRequestContext;
  const fixture = "linkerd";
  const securityTxt = "Contact: mailto:security@example.org\nExpires: 2030-01-01T00:00:00Z\n";

  test.beforeAll(async () => {
    // A site's `.well-known` files (security.txt, app links) are served from static/; no other hidden file is.
    server = await startHugoServer(fixture, (contentDir) => {
      const wellKnown = path.join(contentDir, "static", ".well-known");
      mkdirSync(path.join(wellKnown, ".private"), { recursive: true });
      writeFileSync(path.join(wellKnown, "security.txt"), securityTxt);
      writeFileSync(path.join(wellKnown, ".private", "key.txt"), "hidden inside .well-known");
      writeFileSync(path.join(contentDir, "static", ".env"), "SECRET=1");
    });
    api = await request.newContext({ baseURL: server.origin, maxRedirects: 0 });
  });
  test.afterAll(async () => {
    await api?.dispose();
    await server?.stop();
  });

  test("each post answers 200 at its permalink, aliases redirect to it", async () => {
    const titles = hugoOutput(fixture, "title");
    for (const row of pages(fixture).filter((r) => r.kind === "page")) {
      const response = await api.get(row.url);
      expect(response.status(), row.url).toBe(200);
      expect(titleOf(await response.text()), row.url).toContain(fold(titles.get(row.url)!));
    }
    for (const [alias, target] of hugoOutput(fixture, "alias")) {
      const response = await api.get(alias);
      expect([301, 308], alias).toContain(response.status());
      expect(new URL(response.headers().location!, server.origin).pathname).toBe(target);
    }
  });

  test("static files and bundle images are served with their type and nosniff; SVG is sandboxed", async () => {
    const types: Record<string, string> = { png: "image/png", jpg: "image/jpeg", svg: "image/svg+xml" };
    for (const file of hugoOutput(fixture, "file").keys()) {
      const response = await api.get(file);
      expect(response.status(), file).toBe(200);
      expect(response.headers()["content-type"], file).toBe(types[file.split(".").at(-1)!]);
      expect(response.headers()["x-content-type-options"], file).toBe("nosniff");
      if (file.endsWith(".svg")) expect(response.headers()["content-security-policy"]).toMatch(/sandbox/);
    }
    for (const hidden of ["/blog/2019/0918-happy-birthday-linkerd/index.md", "/2019/09/18/happy-birthday-linkerd/index.md", "/config/_default/hugo.yaml", "/images/%2e%2e/%2e%2e/config/_default/hugo.yaml"]) {
      expect((await api.get(hidden)).status(), hidden).toBe(404);
    }
  });

  test("static/.well-known/ is served; no other hidden file or folder is", async () => {
    const response = await api.get("/.well-known/security.txt");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/plain/);
    expect(await response.text()).toBe(securityTxt);
    for (const hidden of ["/.env", "/.well-known/.private/key.txt", "/.well-known/%2e%2e/.env"]) expect((await api.get(hidden)).status(), hidden).toBe(404);
  });

  test("feeds and the sitemap link each post at its Hugo URL", async () => {
    const sitemap = await (await api.get("/sitemap.xml")).text();
    const feed = await (await api.get("/feed.xml")).text();
    for (const row of pages(fixture).filter((r) => r.kind === "page")) {
      expect(sitemap).toContain(`<loc>${server.origin}${row.url}</loc>`);
      expect(feed).toContain(`${server.origin}${row.url}`);
    }
  });
});

test("Folio's own site still serves /blog/SLUG", async ({ request: own }) => {
  const response = await own.get("/blog/the-partner-map", { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  expect(titleOf(await response.text())).toContain("Draw the partner map before you pick a partner");
  expect((await own.get("/blog/the-partner-map/", { maxRedirects: 0 })).status()).toBe(308);
});
