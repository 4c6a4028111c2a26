import { expect, test } from "@playwright/test";

// A reader's first visit (issue 10): what the pages say and mark, on a desktop and on a phone.

const SAMPLE = "/blog/how-to-win-a-partnership-meeting";
const PRICING = "/blog/pricing-a-co-sell-deal";

test("the navigation marks the page being shown, and only that one", async ({ page }) => {
  const current = () => page.locator('header [aria-current="page"]');
  for (const [url, name] of [["/", "Folio"], ["/blog", "Writing"], ["/topics", "Topics"], ["/tags", "Tags"]] as const) {
    await page.goto(url);
    await expect(current(), url).toHaveCount(1);
    await expect(current(), url).toHaveText(name);
  }
  for (const url of [SAMPLE, "/topics/sales", "/search?q=deal", "/no-such-page"]) {
    await page.goto(url);
    await expect(current(), url).toHaveCount(0);
  }
});

test("the home page and /blog show a feed link; a topic links its own feed", async ({ page }) => {
  for (const url of ["/", "/blog"]) {
    await page.goto(url);
    await expect(page.getByRole("link", { name: "Follow by RSS" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Follow by RSS" })).toHaveAttribute("href", "/feed.xml");
  }
  await page.goto("/topics/sales");
  await expect(page.getByRole("link", { name: "RSS feed for Sales" })).toHaveAttribute("href", "/topics/sales/feed.xml");
});

test("topic and tag pages title themselves with a name, not the slug", async ({ page }) => {
  await page.goto("/topics/strategy");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Strategy");
  await expect(page).toHaveTitle("Topic: Strategy · Folio");
  await page.goto("/tags/planning");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planning");
  await expect(page).toHaveTitle("Tag: Planning · Folio");
});

test("a post has a byline, and its title and description get the body's curly quotes", async ({ page }) => {
  await page.goto(SAMPLE);
  await expect(page.locator(".post__header .post-meta")).toContainText("By Morgan Hale · October 22, 2025");
  await expect(page.locator(".post__description")).toHaveText("Getting the meeting isn’t the victory. Partnership meetings are won or lost in the preparation, not the presentation.");
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /^Getting the meeting isn’t the victory\./);
  await page.goto("/");
  await expect(page.getByText("Getting the meeting isn’t the victory.", { exact: false }).first()).toBeVisible();
  await expect(page.getByText("isn't the victory")).toHaveCount(0);
});

test("a short post has no table of contents; a long one with many sections does", async ({ page }) => {
  await page.goto("/blog/discovery-calls-that-qualify"); // 2 minutes, 4 sections
  await expect(page.locator(".prose h2")).toHaveCount(4);
  await expect(page.getByRole("navigation", { name: "Contents" })).toHaveCount(0);
  await page.goto(SAMPLE); // 4 minutes, 8 sections
  await expect(page.getByRole("navigation", { name: "Contents" })).toBeVisible();
});

test.describe("search", () => {
  test("the header's box keeps the query on the results page", async ({ page }) => {
    await page.goto("/search?q=LinkedIn");
    await expect(page.getByRole("search", { name: "Site" }).getByRole("searchbox")).toHaveValue("LinkedIn");
    await page.goto("/blog");
    await expect(page.getByRole("search", { name: "Site" }).getByRole("searchbox")).toHaveValue("");
  });

  test("matches are marked in the site's own style, and a heading does not run into the next words", async ({ page }) => {
    await page.goto("/search?q=recap");
    const mark = page.locator(".search-results mark").first();
    await expect(mark).toBeVisible();
    const style = await mark.evaluate((el) => {
      const computed = getComputedStyle(el);
      return { background: computed.backgroundColor, color: computed.color, parent: getComputedStyle(el.parentElement!).color };
    });
    expect(style.background).not.toBe("rgb(255, 255, 0)");
    expect(style.color).toBe(style.parent);
    await expect(page.locator(".search-results .post-card__description").first()).toContainText("The day after: send the recap · ");
  });
});

test.describe("tables", () => {
  test("keep their markdown column alignment", async ({ page }) => {
    await page.goto(PRICING);
    const align = (name: string) => page.getByRole("columnheader", { name }).evaluate((el) => getComputedStyle(el).textAlign);
    expect(await align("Model")).toMatch(/^(start|left)$/);
    expect(await align("Partner earns")).toMatch(/^(end|right)$/);
    expect(await align("You keep the customer?")).toBe("center");
  });

  test("scroll sideways on a phone, with a hint, and from the keyboard", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(PRICING);
    const region = page.getByRole("region", { name: "Table: Model, Partner earns, You keep the customer?, Works best when" });
    await expect(region).toBeVisible();
    const size = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, page: document.documentElement.scrollWidth }));
    expect(size.scroll).toBeGreaterThan(size.client);
    expect(size.page).toBeLessThanOrEqual(390); // the table scrolls, not the page
    expect(await region.evaluate((el) => getComputedStyle(el).backgroundImage)).toContain("radial-gradient");
    await region.focus();
    await expect(region).toBeFocused();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  });
});

test.describe("the sign-in page", () => {
  test("names the site and links back to it", async ({ page }) => {
    await page.goto("/admin/login");
    await expect(page.getByRole("link", { name: "← Folio" })).toHaveAttribute("href", "/");
    await expect(page.getByText("To the Folio admin.")).toBeVisible();
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`a wrong password keeps the email and puts focus on the password (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser }) => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto("/admin/login");
      await page.getByLabel("Email").fill("first-visit@e2e.test");
      await page.getByLabel("Password").fill("not-the-password-at-all");
      await page.getByRole("button", { name: "Sign in" }).click();
      // (Next.js's route announcer is an alert too; the form's own is the one with the message.)
      await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toHaveText("That email and password do not match an account.");
      await expect(page.getByLabel("Email")).toHaveValue("first-visit@e2e.test");
      await expect(page.getByLabel("Password")).toBeFocused();
      await expect(page.getByLabel("Password")).toHaveAttribute("aria-describedby", "sign-in-error");
      expect(page.url()).not.toContain("first-visit");
      await context.close();
    });
  }
});
