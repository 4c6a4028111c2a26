import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

test("an editor sees every post on the dashboard and previews a draft exactly as it will publish", async ({ page }) => {
  await signIn(page, "editor");
  await expect(page).toHaveURL("/admin");
  // The six posts of content/ (other specs may have written more by now).
  for (const title of [/A playbook for channel conflict/, /The annual partnership plan/, /Draw the partner map/, /How to win a partnership meeting/, /Pricing a co-sell deal/, /Discovery calls/]) {
    await expect(page.getByRole("row", { name: title })).toHaveCount(1);
  }
  await expect(page.getByRole("row", { name: /A playbook for channel conflict/ })).toContainText("Draft");
  await expect(page.getByRole("row", { name: /The annual partnership plan/ })).toContainText("Scheduled for January 15, 2099");
  // Every row has its Featured switch; an editor's are disabled (the server checks again anyway).
  expect(await page.getByRole("switch", { name: "Featured" }).count()).toBeGreaterThanOrEqual(6);
  for (const toggle of await page.getByRole("switch", { name: "Featured" }).all()) await expect(toggle).toBeDisabled();

  await page.getByRole("row", { name: /A playbook for channel conflict/ }).getByRole("link", { name: "Preview" }).click();
  await expect(page).toHaveURL("/admin/preview/channel-conflict-playbook");
  await expect(page.getByRole("status")).toContainText("Preview: not published");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("A playbook for channel conflict");
  await expect(page.locator(".prose h2")).toHaveCount(3);
  await expect(page.locator("[data-cta]")).toHaveCount(1);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
});

test("the preview answers private, no-store and noindex, and 404 for an unknown slug", async ({ page }) => {
  await signIn(page, "editor");
  const response = await page.goto("/admin/preview/the-annual-partnership-plan");
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  expect(headers["cache-control"]).toContain("private");
  expect(headers["cache-control"]).toContain("no-store");
  expect(headers["x-robots-tag"]).toContain("noindex");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The annual partnership plan, one page at a time");

  expect((await page.goto("/admin/preview/no-such-post"))?.status()).toBe(404);
});

test("filters find posts by status and title, in the URL, and apply as you type", async ({ page }) => {
  await signIn(page, "editor");
  await page.getByLabel("Status").selectOption("draft");
  await expect(page).toHaveURL("/admin?status=draft");
  // Only drafts (other specs may have written some of their own).
  await expect(page.getByRole("row", { name: /A playbook for channel conflict/ })).toHaveCount(1);
  await expect(page.getByRole("row", { name: /How to win a partnership meeting/ })).toHaveCount(0);
  for (const status of await page.getByRole("table").locator("tbody tr td:nth-child(2)").allInnerTexts()) expect(status).toMatch(/^Draft/);
  await page.getByLabel("Status").selectOption("all");
  const search = page.getByLabel("Search");
  await search.fill("partner map");
  await expect(page).toHaveURL("/admin?q=partner+map");
  await expect(page.getByRole("table").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByRole("table")).toContainText("Draw the partner map");
  // Typing kept the focus in the search box while the rows changed.
  await expect(search).toBeFocused();
});
