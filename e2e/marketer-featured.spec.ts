import { expect, test } from "@playwright/test";
import { readOriginalPost, readPost, signIn } from "./fixtures";

const FILE = "how-to-win-a-partnership-meeting.md";
const TITLE = "How to win a partnership meeting";

test("a marketer features a post, the home page shows it, and unfeaturing restores the file", async ({ page, context }) => {
  const original = readPost(FILE);
  expect(original.equals(readOriginalPost(FILE))).toBe(true);
  await signIn(page, "marketer");

  const home = await context.newPage();
  await home.goto("/");
  const featured = home.getByRole("region", { name: "Featured" });
  await expect(featured.getByRole("link", { name: TITLE })).toHaveCount(0);

  const toggle = page.getByRole("row", { name: new RegExp(TITLE) }).getByRole("switch", { name: "Featured" });
  await expect(toggle).toBeEnabled();
  await toggle.check();
  await expect(toggle).toBeChecked();
  await expect.poll(() => readPost(FILE).toString(), { timeout: 15_000 }).toContain("\nfeatured: true\n");
  // Only the featured line changed.
  const before = original.toString().split("\n");
  const after = readPost(FILE).toString().split("\n");
  expect(after.length).toBe(before.length);
  expect(after.filter((line, i) => line !== before[i])).toEqual(["featured: true"]);

  // How soon is a budget, measured by `npm run bench` (toggle to live); a test only waits for the outcome, generously,
  // so a busy machine slows it down without failing it.
  await expect(async () => {
    await home.reload();
    await expect(featured.getByRole("link", { name: TITLE })).toBeVisible({ timeout: 100 });
  }).toPass({ timeout: 30_000, intervals: [100, 250, 500] });

  // The change is on the dashboard's list of recent changes.
  await page.reload();
  await expect(page.getByRole("region", { name: "Recent changes" })).toContainText("marketer@e2e.test set featured of how-to-win-a-partnership-meeting from false to true");

  await page.getByRole("row", { name: new RegExp(TITLE) }).getByRole("switch", { name: "Featured" }).uncheck();
  await expect.poll(() => readPost(FILE).equals(original), { timeout: 15_000 }).toBe(true);
  await expect(async () => {
    await home.reload();
    await expect(featured.getByRole("link", { name: TITLE })).toHaveCount(0, { timeout: 100 });
  }).toPass({ timeout: 30_000, intervals: [100, 250, 500] });
});

test("a marketer cannot preview drafts", async ({ page }) => {
  await signIn(page, "marketer");
  await expect(page.getByRole("link", { name: "Preview" })).toHaveCount(0);
  const response = await page.goto("/admin/preview/channel-conflict-playbook");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
  await expect(page.getByText("A playbook for channel conflict")).toHaveCount(0);
});
