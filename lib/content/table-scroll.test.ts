import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render/pipeline";

const TABLE = "| Model | Partner earns | You keep? |\n| --- | ---: | :---: |\n| Referral | 10--20% | Yes |\n";

describe("tables", () => {
  it("sit in a focusable, named region that can scroll, and keep their column alignment", async () => {
    const { html } = await renderMarkdown(`Before.\n\n${TABLE}\nAfter.`);
    expect(html).toContain('<div class="table-scroll" role="region" tabindex="0" aria-label="Table: Model, Partner earns, You keep?"><table>');
    expect(html).toMatch(/<th style="text-align:right">Partner earns<\/th>/);
    expect(html).toMatch(/<td style="text-align:center">Yes<\/td>/);
    expect(html.match(/table-scroll/g)).toHaveLength(1);
  });

  it("name a table without headings plainly", async () => {
    const { html } = await renderMarkdown("|  |  |\n| --- | --- |\n| a | b |\n");
    expect(html).toContain('aria-label="Table"');
  });
});
