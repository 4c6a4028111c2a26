import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const PAGES = ["/", "/blog/how-to-win-a-partnership-meeting", "/topics/partnerships", "/tags/planning", "/blog/pricing-a-co-sell-deal", "/blog", "/search?q=recap", "/admin/login", "/no-such-page"];

for (const colorScheme of ["light", "dark"] as const) {
  for (const url of PAGES) {
    test(`axe finds no violations on ${url} (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto(url);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    });
  }
}

// On a phone the table of the pricing post scrolls inside its region: axe checks that region can be reached.
for (const colorScheme of ["light", "dark"] as const) {
  test(`axe finds no violations on a post with a wide table at 390 px (${colorScheme})`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme });
    await page.goto("/blog/pricing-a-co-sell-deal");
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}
