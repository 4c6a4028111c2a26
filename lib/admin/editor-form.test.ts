import { describe, expect, it } from "vitest";
import { slugFromTitle, splitList, type EditorValues } from "./editor-fields";
import { readEditorForm, validateEditorForm } from "./editor-form";

const good: EditorValues = {
  title: "Pricing a co-sell deal",
  description: "How to price it.",
  date: "2026-03-01T09:30:00+01:00",
  slug: "",
  topics: "pricing, partnerships",
  tags: "",
  cta: true,
  featured: false,
  body: "Hello.\n",
};

describe("the editor's form", () => {
  it("reads every field from a submitted form, check boxes as on/absent, nothing cut", () => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ title: "T", description: "D", date: "2026-01-01", slug: "t", topics: "a, b", tags: "c", body: "x".repeat(5000) })) form.set(key, value);
    form.set("cta", "on");
    form.set("unknown", "ignored");
    expect(readEditorForm(form)).toEqual({ title: "T", description: "D", date: "2026-01-01", slug: "t", topics: "a, b", tags: "c", cta: true, featured: false, body: "x".repeat(5000) });
  });

  it("derives the slug from the title when it is empty, and splits lists on commas", () => {
    expect(slugFromTitle("  Ça va? Pricing a Co-Sell Deal!  ")).toBe("ca-va-pricing-a-co-sell-deal");
    expect(slugFromTitle("A writer's first draft, the partner’s view")).toBe("a-writers-first-draft-the-partners-view");
    expect(splitList(" a, b ,, c ,")).toEqual(["a", "b", "c"]);
    const valid = validateEditorForm(good);
    expect(valid).toEqual({
      ok: true,
      data: { title: "Pricing a co-sell deal", description: "How to price it.", date: "2026-03-01T09:30:00+01:00", slug: "pricing-a-co-sell-deal", topics: ["pricing", "partnerships"], tags: [], cta: true, featured: false },
      body: "Hello.\n",
    });
  });

  it("names each bad field with the one schema's message, and accepts nothing", () => {
    const result = validateEditorForm({ ...good, title: "  ", date: "next tuesday", slug: "Not A Slug", topics: `ok, ${"x".repeat(101)}` });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.title).toBe("Title must not be empty");
    expect(result.errors.date).toMatch(/^Date must be an ISO 8601 date/);
    expect(result.errors.slug).toMatch(/^Slug must be lowercase letters, digits and single hyphens/);
    expect(result.errors.topics).toBe("Topics (item 2) is longer than 100 characters");
    expect(Object.keys(result.errors).sort()).toEqual(["date", "slug", "title", "topics"]);
  });

  it("refuses a date that is not on the calendar, a body over 1 MiB and a NUL", () => {
    expect(validateEditorForm({ ...good, date: "2026-02-30" })).toMatchObject({ ok: false, errors: { date: "Date is not a real calendar date or time" } });
    expect(validateEditorForm({ ...good, body: "é".repeat(600_000) })).toMatchObject({ ok: false, errors: { body: "Body is 1,200,000 bytes; the limit is 1,048,576 (1 MiB)" } });
    expect(validateEditorForm({ ...good, body: "a\0b" })).toMatchObject({ ok: false, errors: { body: expect.stringContaining("NUL") } });
    expect(validateEditorForm({ ...good, title: "", slug: "" })).toMatchObject({ ok: false, errors: { slug: expect.stringContaining("Slug is needed") } });
  });
});
