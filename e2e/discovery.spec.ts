import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { parseFeed } from "@rowanmanning/feed-parser";

// The sample site: four public posts (newest first), a draft and a post scheduled for 2099.
const PUBLIC = ["pricing-a-co-sell-deal", "discovery-calls-that-qualify", "how-to-win-a-partnership-meeting", "the-partner-map"];
const DRAFT = "channel-conflict-playbook";
const SCHEDULED = "the-annual-partnership-plan";
const SAMPLE = "how-to-win-a-partnership-meeting";

async function get(request: APIRequestContext, url: string) {
  const response = await request.get(url);
  return { status: response.status(), type: response.headers()["content-type"] ?? "", text: await response.text(), headers: response.headers() };
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test.describe("feeds", () => {
  for (const [url, type, kind] of [
    ["/feed.xml", "application/rss+xml", "rss"],
    ["/atom.xml", "application/atom+xml", "atom"],
  ] as const) {
    test(`${url} parses as ${kind} and lists exactly the public posts, newest first`, async ({ request, baseURL }) => {
      const { status, type: contentType, text, headers } = await get(request, url);
      expect(status).toBe(200);
      expect(contentType).toBe(`${type}; charset=utf-8`);
      expect(headers["cache-control"]).toContain("s-maxage=60");
      const feed = parseFeed(text);
      expect(feed.meta.type).toBe(kind);
      expect(feed.items.map((item) => item.url)).toEqual(PUBLIC.map((slug) => `${baseURL}/blog/${slug}`));
      expect(text).not.toContain(DRAFT);
      expect(text).not.toContain(SCHEDULED);
      const sample = feed.items.find((item) => item.url?.endsWith(SAMPLE))!;
      expect(sample.content).toContain("pitches—on both sides of the table");
      expect(sample.categories.map((category) => category.term)).toEqual(["partnerships", "strategy"]);
      expect(sample.published?.toISOString()).toBe("2025-10-22T17:19:01.000Z");
    });
  }

  test("/feed.json is JSON Feed 1.1 with the author's dates", async ({ request, baseURL }) => {
    const { status, type, text } = await get(request, "/feed.json");
    expect(status).toBe(200);
    expect(type).toBe("application/feed+json; charset=utf-8");
    const feed = JSON.parse(text);
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.items.map((item: { url: string }) => item.url)).toEqual(PUBLIC.map((slug) => `${baseURL}/blog/${slug}`));
    const sample = feed.items.find((item: { url: string }) => item.url.endsWith(SAMPLE));
    expect(sample).toMatchObject({ date_published: "2025-10-22T12:19:01-05:00", tags: ["partnerships", "strategy"] });
    expect(sample.content_html).toContain("Not just the company—the person.");
  });

  test("a topic has its own RSS feed, and an unknown topic answers 404", async ({ request, baseURL }) => {
    const { status, text } = await get(request, "/topics/partnerships/feed.xml");
    expect(status).toBe(200);
    const feed = parseFeed(text);
    expect(feed.items.map((item) => item.url)).toEqual(["pricing-a-co-sell-deal", SAMPLE, "the-partner-map"].map((slug) => `${baseURL}/blog/${slug}`));
    expect((await request.get("/topics/no-such-topic/feed.xml")).status()).toBe(404);
  });

  for (const url of ["/", `/blog/${SAMPLE}`, "/topics/sales", "/search?q=deal", "/no-such-page"]) {
    test(`${url} names the site's feeds in its head`, async ({ page, baseURL }) => {
      await page.goto(url);
      const links = page.locator('head link[rel="alternate"][type]');
      const found = await links.evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute("type")} ${n.getAttribute("href")}`));
      const expected = [`application/atom+xml ${baseURL}/atom.xml`, `application/feed+json ${baseURL}/feed.json`, `application/rss+xml ${baseURL}/feed.xml`];
      // A topic page also names its own topic's feed.
      const topic = /^\/topics\/([^/]+)$/.exec(url)?.[1];
      if (topic) expected.push(`application/rss+xml ${baseURL}/topics/${topic}/feed.xml`);
      expect(found.sort()).toEqual(expected.sort());
    });
  }
});

test.describe("sitemap and robots", () => {
  test("/sitemap.xml lists exactly the public URLs, with lastmod", async ({ page, request, baseURL }) => {
    const { status, text } = await get(request, "/sitemap.xml");
    expect(status).toBe(200);
    // Parsed by the browser's XML parser, which reports malformed XML as a <parsererror>.
    const entries = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, "application/xml");
      if (doc.querySelector("parsererror")) throw new Error("sitemap is not well-formed XML");
      return Array.from(doc.getElementsByTagName("url"), (url) => ({
        loc: url.getElementsByTagName("loc")[0]?.textContent ?? "",
        lastmod: url.getElementsByTagName("lastmod")[0]?.textContent ?? "",
      }));
    }, text);
    const paths = [
      "/",
      "/blog",
      "/topics",
      ...["partnerships", "sales", "strategy"].map((t) => `/topics/${t}`),
      "/tags",
      ...["discovery", "ecosystems", "planning", "pricing", "qualification", "templates"].map((t) => `/tags/${t}`),
      ...PUBLIC.map((slug) => `/blog/${slug}`),
    ];
    expect(entries.map((e) => e.loc).sort()).toEqual(paths.map((p) => `${baseURL}${p}`).sort());
    const lastmod = Object.fromEntries(entries.map((e) => [e.loc.slice(baseURL!.length), e.lastmod]));
    expect(lastmod["/blog/pricing-a-co-sell-deal"]).toBe("2025-11-10T16:45:00+01:00");
    expect(lastmod[`/blog/${SAMPLE}`]).toBe("2025-10-22T12:19:01-05:00");
    expect(lastmod["/"]).toBe("2025-11-10T16:45:00+01:00");
  });

  test("/robots.txt names the sitemap and keeps crawlers out of /admin", async ({ request, baseURL }) => {
    const { status, type, text } = await get(request, "/robots.txt");
    expect(status).toBe(200);
    expect(type).toContain("text/plain");
    expect(text).toMatch(/^Disallow: \/admin$/m);
    expect(text).toMatch(new RegExp(`^Sitemap: ${baseURL}/sitemap.xml$`, "m"));
  });
});

test.describe("social cards", () => {
  async function cardOf(page: Page, url: string) {
    await page.goto(url);
    const og = await page.locator('meta[property="og:image"]').getAttribute("content");
    const twitter = await page.locator('meta[name="twitter:image"]').getAttribute("content");
    expect(twitter).toBe(og);
    await expect(page.locator('meta[property="og:image:width"]')).toHaveAttribute("content", "1200");
    await expect(page.locator('meta[property="og:image:height"]')).toHaveAttribute("content", "630");
    return og!;
  }

  test("a post names its own 1200×630 PNG card", async ({ page, request, baseURL }) => {
    const card = await cardOf(page, `/blog/${SAMPLE}`);
    expect(card).toBe(`${baseURL}/blog/${SAMPLE}/social-card.png`);
    await expect(page.locator('meta[property="og:image:alt"]')).toHaveAttribute("content", "How to win a partnership meeting");
    const response = await request.get(card);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/png");
    expect(pngSize(await response.body())).toEqual({ width: 1200, height: 630 });
  });

  test("other pages name the default card", async ({ page, request, baseURL }) => {
    for (const url of ["/", "/topics/sales"]) expect(await cardOf(page, url)).toBe(`${baseURL}/social-card.png`);
    expect(pngSize(await (await request.get("/social-card.png")).body())).toEqual({ width: 1200, height: 630 });
  });

  test("drafts and scheduled posts have no card", async ({ request }) => {
    for (const slug of [DRAFT, SCHEDULED, "no-such-post"]) {
      expect((await request.get(`/blog/${slug}/social-card.png`)).status(), slug).toBe(404);
    }
  });
});

test.describe("search", () => {
  test("finds a word from the sample post's body, highlighted, and is kept out of indexes", async ({ page }) => {
    await page.goto("/search?q=LinkedIn");
    const results = page.getByRole("list").filter({ has: page.locator("mark") });
    await expect(results.getByRole("link")).toHaveText(["How to win a partnership meeting"]);
    await expect(results.locator("mark")).toHaveText(["LinkedIn"]);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  });

  test("never finds a draft or a scheduled post", async ({ request }) => {
    for (const q of ["Decide fast", "forty-page plans", "channel conflict"]) {
      const { status, text } = await get(request, `/search?q=${encodeURIComponent(q)}`);
      expect(status).toBe(200);
      expect(text).toContain("No essays match");
      expect(text).not.toContain(DRAFT);
      expect(text).not.toContain(SCHEDULED);
    }
  });

  test("works with JavaScript off, from the form in the header", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/blog");
    const form = page.getByRole("search", { name: "Site" });
    await form.getByRole("searchbox", { name: "Search posts" }).fill("co-sell");
    await form.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/search\?q=co-sell$/);
    await expect(page.getByRole("link", { name: "Pricing a co-sell deal without leaving money on the table" })).toBeVisible();
    await context.close();
  });

  test("a 5,000-character query full of markup answers safely", async ({ page }) => {
    const query = `<script>alert(1)</script>"'{}<img src=x onerror=alert(2)>`.repeat(90).slice(0, 5000);
    expect(query).toHaveLength(5000);
    let dialogs = 0;
    page.on("dialog", (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    const response = await page.goto(`/search?q=${encodeURIComponent(query)}`);
    expect(response?.status()).toBe(200);
    const html = await response!.text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    await expect(page.getByText("yours was shortened")).toBeVisible();
    await expect(page.locator("img")).toHaveCount(0);
    expect(dialogs).toBe(0);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`axe finds no violations on /search?q=partnership (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto("/search?q=partnership");
      await expect(page.locator("mark").first()).toBeVisible();
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    });
  }
});
