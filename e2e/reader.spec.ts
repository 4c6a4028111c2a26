import { expect, test } from "@playwright/test";

const SAMPLE = "/blog/how-to-win-a-partnership-meeting";

test("a reader goes from the home page to a post and on to its topic", async ({ page }) => {
  await page.goto("/");
  const featured = page.getByRole("region", { name: "Featured" });
  await expect(featured.getByRole("link", { name: "Draw the partner map before you pick a partner" })).toBeVisible();

  await page.getByRole("link", { name: "How to win a partnership meeting" }).click();
  await expect(page).toHaveURL(SAMPLE);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("How to win a partnership meeting");

  await page.getByRole("list", { name: "Topics" }).getByRole("link", { name: "strategy" }).click();
  await expect(page).toHaveURL("/topics/strategy");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Strategy");
  await expect(page.getByRole("link", { name: "How to win a partnership meeting" })).toBeVisible();
});

test("the sample post renders faithfully: em dashes, eight sections, a contents list and the call to action", async ({ page }) => {
  await page.goto(SAMPLE);
  const body = page.locator(".prose");
  await expect(body).toContainText("pitches—on both sides of the table");
  await expect(body).toContainText("Not just the company—the person.");
  await expect(body).not.toContainText("---");
  await expect(body).not.toContainText("â€");

  const sections = body.getByRole("heading", { level: 2 });
  await expect(sections).toHaveText([
    /^Research before strategy/,
    /^Tailor the pitch to their reality/,
    /^Know your ask/,
    /^Probe for objections early/,
    /^Understand their decision process/,
    /^Close with what’s next/,
    /^The day after: send the recap/,
    /^Why this matters/,
  ]);
  await expect(page.getByRole("navigation", { name: "Contents" }).getByRole("link")).toHaveCount(8);
  await page.getByRole("navigation", { name: "Contents" }).getByRole("link", { name: "Know your ask" }).click();
  await expect(page).toHaveURL(`${SAMPLE}#know-your-ask`);

  const time = page.locator("header time").first();
  await expect(time).toHaveText("October 22, 2025");
  await expect(time).toHaveAttribute("datetime", "2025-10-22T12:19:01-05:00");
  await expect(page.getByText("4 min read").first()).toBeVisible();

  const cta = page.locator("[data-cta]");
  await expect(cta).toHaveCount(1);
  await expect(cta.getByRole("link", { name: "Book a call" })).toBeVisible();
});

test("a post dated late in the evening west of UTC shows the day its author wrote", async ({ page }) => {
  await page.goto("/blog/discovery-calls-that-qualify");
  const time = page.locator("header time").first();
  await expect(time).toHaveText("October 22, 2025");
  await expect(time).toHaveAttribute("datetime", "2025-10-22T23:30:00-05:00");
  // The MDX callout component renders.
  await expect(page.getByRole("complementary", { name: "Before the call" })).toContainText("walk away");
});

test("tables, code and footnotes render, and posts without cta: true have no call to action", async ({ page }) => {
  await page.goto("/blog/pricing-a-co-sell-deal");
  await expect(page.getByRole("table")).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Partner earns" })).toBeVisible();
  await expect(page.locator("pre.shiki")).toHaveCount(2);
  await expect(page.locator("pre.shiki").nth(1)).toContainText("export function partnerDealValue");
  await expect(page.getByText("Updated")).toBeVisible();
  await expect(page.locator("[data-cta]")).toHaveCount(0);
  const external = page.locator('.prose a[href^="http"]');
  for (const link of await external.all()) await expect(link).toHaveAttribute("rel", "noopener noreferrer");
});

test("reading pages carry their metadata: canonical URL, Open Graph, Twitter and JSON-LD", async ({ page, baseURL }) => {
  await page.goto(SAMPLE);
  await expect(page).toHaveTitle("How to win a partnership meeting · Folio");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}${SAMPLE}`);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", "How to win a partnership meeting");
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(jsonLd).toMatchObject({ "@type": "BlogPosting", headline: "How to win a partnership meeting", datePublished: "2025-10-22T12:19:01-05:00" });

  await page.goto("/topics/partnerships");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}/topics/partnerships`);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /essays? on Partnerships\./);
});

test("an unknown address answers a helpful 404", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("link", { name: "browse everything" })).toHaveAttribute("href", "/blog");
});
