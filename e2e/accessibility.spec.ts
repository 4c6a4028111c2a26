import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const PAGES = ["/", "/blog/how-to-win-a-partnership-meeting", "/topics/partnerships", "/blog/pricing-a-co-sell-deal", "/blog", "/no-such-page"];

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
