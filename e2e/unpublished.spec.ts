import { expect, test } from "@playwright/test";

// A draft and a post scheduled for 2099 ship in the sample content.
const UNPUBLISHED = [
  { slug: "channel-conflict-playbook", title: "A playbook for channel conflict" },
  { slug: "the-annual-partnership-plan", title: "The annual partnership plan, one page at a time" },
];
const PUBLIC_PAGES = ["/", "/blog", "/topics", "/topics/partnerships", "/topics/sales", "/topics/strategy", "/tags", "/tags/planning", "/tags/channels"];

for (const { slug } of UNPUBLISHED) {
  test(`/blog/${slug} answers 404 to a browser and to an RSC request`, async ({ page, request }) => {
    const response = await page.goto(`/blog/${slug}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");

    const rsc = await request.get(`/blog/${slug}`, { headers: { RSC: "1" } });
    expect(rsc.status()).toBe(404);
  });
}

test("no public page names a draft or a scheduled post", async ({ request }) => {
  for (const url of PUBLIC_PAGES) {
    const response = await request.get(url);
    const status = response.status();
    const html = await response.text();
    for (const { slug, title } of UNPUBLISHED) {
      expect(html, `${url} (${status}) mentions ${slug}`).not.toContain(slug);
      expect(html, `${url} (${status}) mentions ${title}`).not.toContain(title);
    }
  }
});

test("a published post is listed and reachable, as a check that the test above can fail", async ({ request }) => {
  const html = await (await request.get("/blog")).text();
  expect(html).toContain("/blog/how-to-win-a-partnership-meeting");
  expect((await request.get("/blog/how-to-win-a-partnership-meeting", { headers: { RSC: "1" } })).status()).toBe(200);
});
