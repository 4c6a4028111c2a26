import { describe, expect, it } from "vitest";
import { frontMatterSchema, isValidSlug, isoDateString, normalizeIsoDate, slugify } from "./schema";

const base = { title: "A post", date: "2025-10-22" };

/** The `field: message` lines zod reports for `data`, or [] when it is valid. */
function problems(data: unknown): string[] {
  const result = frontMatterSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("frontMatterSchema", () => {
  it("fills in every default from a title and a date", () => {
    expect(frontMatterSchema.parse(base)).toEqual({
      title: "A post",
      description: "",
      date: "2025-10-22",
      aliases: [],
      categories: [],
      keywords: [],
      author: [],
      authors: [],
      images: [],
      topics: [],
      tags: [],
      cta: false,
      featured: false,
      draft: false,
    });
  });

  it("keeps every field it knows and strips the ones it does not", () => {
    const data = {
      title: "  Spaced title  ",
      description: "Short.",
      date: "2025-10-22T23:30:00-05:00",
      lastmod: "2025-11-01T08:00:00Z",
      slug: "my-post-2",
      topics: ["partnerships"],
      tags: ["meetings", "sales"],
      cta: true,
      featured: true,
      draft: true,
      feautred: true,
    };
    expect(frontMatterSchema.parse(data)).toEqual({
      title: "Spaced title",
      description: "Short.",
      date: "2025-10-22T23:30:00-05:00",
      lastmod: "2025-11-01T08:00:00Z",
      slug: "my-post-2",
      aliases: [],
      categories: [],
      keywords: [],
      author: [],
      authors: [],
      images: [],
      topics: ["partnerships"],
      tags: ["meetings", "sales"],
      cta: true,
      featured: true,
      draft: true,
    });
  });

  describe("title", () => {
    it.each([
      [{ date: "2025-10-22" }, "title: is required and must be a string"],
      [{ ...base, title: "" }, "title: must not be empty"],
      [{ ...base, title: "   " }, "title: must not be empty"],
      [{ ...base, title: "x".repeat(301) }, "title: is longer than 300 characters"],
    ])("refuses %j", (data, message) => {
      expect(problems(data)).toEqual([message]);
    });
  });

  it("reads a numeric title as its text, as Hugo does", () => {
    expect(frontMatterSchema.parse({ ...base, title: 2024 }).title).toBe("2024");
  });

  it("makes description optional but a string when present", () => {
    expect(problems(base)).toEqual([]);
    expect(problems({ ...base, description: ["a"] })).toEqual(["description: must be a string"]);
    // A number is its text, as Hugo reads it.
    expect(frontMatterSchema.parse({ ...base, description: 1 }).description).toBe("1");
  });

  describe("date and lastmod", () => {
    it.each(["2025-10-22", "2024-02-29", "2025-10-22T12:19:01-05:00", "2025-10-22T12:19:01Z", "2025-10-22T12:19", "2025-10-22 12:19:01+0530", "2025-10-22T12:19:01.250+02:00"])(
      "accepts %s",
      (date) => {
        expect(problems({ ...base, date })).toEqual([]);
        expect(problems({ ...base, lastmod: date })).toEqual([]);
      },
    );

    it.each(["2025-13-01", "2025-02-29", "2025-04-31", "2025-00-10", "2025-10-22T24:00:00Z", "2025-10-22T12:60:00Z"])(
      "refuses %s as not a real date",
      (date) => {
        expect(problems({ ...base, date })).toEqual(["date: is not a real calendar date or time"]);
        expect(problems({ ...base, lastmod: date })).toEqual(["lastmod: is not a real calendar date or time"]);
      },
    );

    it.each(["yesterday", "22/10/2025", "2025-10", "Oct 22, 2025", "2025-10-22T12"])("refuses %s as not ISO 8601, with one message", (date) => {
      expect(problems({ ...base, date })).toEqual(["date: must be an ISO 8601 date such as 2025-10-22 or 2025-10-22T12:19:01-05:00"]);
    });

    it("refuses a date that is not a string (YAML numbers, nulls)", () => {
      expect(problems({ ...base, date: 2025 })).toEqual(["date: must be an ISO 8601 date such as 2025-10-22 or 2025-10-22T12:19:01-05:00"]);
      expect(problems({ ...base, date: null })).toEqual(["date: must be an ISO 8601 date such as 2025-10-22 or 2025-10-22T12:19:01-05:00"]);
    });

    it("keeps the string exactly as written, offset included", () => {
      expect(isoDateString.parse("2025-10-22T23:30:00-05:00")).toBe("2025-10-22T23:30:00-05:00");
    });
  });

  describe("slugs", () => {
    it.each(["my-post", "a", "post-2", "2025-review", "café", "日本語-見出し"])("isValidSlug accepts %s", (slug) => {
      expect(isValidSlug(slug)).toBe(true);
    });

    it.each(["My-Post", "a--b", "-a", "a-", "my_post", "my post", "", "a/b", ".."])("isValidSlug refuses %j", (slug) => {
      expect(isValidSlug(slug)).toBe(false);
    });

    it.each([
      ["My Post_Name--Here", "my-post-name-here"],
      ["CamelCase", "camelcase"],
      ["café-été", "cafe-ete"],
      ["with.dots.v1.2", "with-dots-v1-2"],
      ["2015-01-04-first-post", "2015-01-04-first-post"],
      ["../../etc/passwd", "etc-passwd"],
      ["ｅｖｉｌ", "evil"],
      ["日本語 見出し", "日本語-見出し"],
      ["...", ""],
    ])("slugify(%j) is %j", (written, slug) => {
      expect(slugify(written)).toBe(slug);
      if (slug) expect(isValidSlug(slug)).toBe(true);
    });
  });

  describe("taxonomies", () => {
    it.each(["topics", "tags", "categories", "keywords"])("%s default to [] and take a list of strings", (field) => {
      expect(frontMatterSchema.parse(base)[field as "topics"]).toEqual([]);
      expect(frontMatterSchema.parse({ ...base, [field]: ["Sales", " strategy "] })[field as "topics"]).toEqual(["Sales", "strategy"]);
    });

    it.each(["topics", "tags", "categories"])("%s read numbers and booleans as text, and one string as one term", (field) => {
      expect(frontMatterSchema.parse({ ...base, [field]: [2024, true, "foo"] })[field as "topics"]).toEqual(["2024", "true", "foo"]);
      // Hugo 0.111.3: `tags: Go Lang` and `categories: "Release Notes"` give only /tags/go-lang/ and /categories/release-notes/.
      expect(frontMatterSchema.parse({ ...base, [field]: "Go Lang" })[field as "topics"]).toEqual(["Go Lang"]);
    });

    it("reads one author string as one byline, as Hugo's .Params.author shows it", () => {
      expect(frontMatterSchema.parse({ ...base, author: "Josh Aas, ISRG Executive Director" }).author).toEqual(["Josh Aas, ISRG Executive Director"]);
      expect(frontMatterSchema.parse({ ...base, authors: "Jacob Hoffman-Andrews" }).authors).toEqual(["Jacob Hoffman-Andrews"]);
    });

    it("reads a string of keywords as its words, as Hugo's .Keywords does (`keywords: key words` is [key] [words])", () => {
      expect(frontMatterSchema.parse({ ...base, keywords: "key words" }).keywords).toEqual(["key", "words"]);
    });

    it.each(["topics", "tags"])("%s refuse an empty entry and a map", (field) => {
      expect(problems({ ...base, [field]: ["ok", ""] })).toEqual([`${field}.1: must not be empty`]);
      expect(problems({ ...base, [field]: { a: 1 } })).toEqual([`${field}: must be a list of strings, like [partnerships, strategy]`]);
    });
  });

  describe("Hugo's other fields", () => {
    it("takes aliases and images as one path or a list, weight as a whole number, cover as a path or {image}", () => {
      const parsed = frontMatterSchema.parse({ ...base, aliases: "/old/", images: ["/a.png"], weight: "3", cover: { image: "c.png", alt: "x" } });
      expect(parsed).toMatchObject({ aliases: ["/old/"], images: ["/a.png"], weight: 3, cover: { image: "c.png" } });
      expect(problems({ ...base, weight: 1.5 })).toEqual(["weight: must be a whole number"]);
      expect(problems({ ...base, url: 3 })).toEqual(["url: must be a string"]);
    });
  });

  describe("cta, featured and draft", () => {
    const flags = ["cta", "featured", "draft"] as const;

    it.each(flags)("%s defaults to false and takes true or false", (field) => {
      expect(frontMatterSchema.parse(base)[field]).toBe(false);
      expect(frontMatterSchema.parse({ ...base, [field]: true })[field]).toBe(true);
      expect(frontMatterSchema.parse({ ...base, [field]: false })[field]).toBe(false);
    });

    // A quoted "true" is read by the loader (with a warning) before the schema sees it; here every non-boolean fails.
    it.each(flags.flatMap((field) => ["yes", "maybe", "true", "false", 1, 0, null].map((value) => [field, value] as const)))(
      "%s refuses %j rather than coercing it",
      (field, value) => {
        expect(problems({ ...base, [field]: value })).toEqual([`${field}: must be true or false (unquoted)`]);
      },
    );
  });

  it("reports every field's problem at once", () => {
    expect(problems({ title: "", date: "2025-13-01", slug: ["A"], featured: "yes" })).toEqual([
      "title: must not be empty",
      "date: is not a real calendar date or time",
      "slug: must be a string",
      "featured: must be true or false (unquoted)",
    ]);
  });
});

describe("normalizeIsoDate", () => {
  it.each([
    ["2025-10-22", "2025-10-22T00:00:00Z"],
    ["2025-10-22T12:19:01-05:00", "2025-10-22T12:19:01-05:00"],
    ["2025-10-22T12:19:01-0500", "2025-10-22T12:19:01-05:00"],
    ["2025-10-22 12:19:01", "2025-10-22T12:19:01Z"],
    ["2025-10-22T12:19:01Z", "2025-10-22T12:19:01Z"],
    [" 2025-10-22 ", "2025-10-22T00:00:00Z"],
  ])("%j → %j", (input, output) => {
    expect(normalizeIsoDate(input)).toBe(output);
  });

  it("reads a bare date and a naive time as UTC", () => {
    expect(Date.parse(normalizeIsoDate("2025-10-22"))).toBe(Date.UTC(2025, 9, 22));
    expect(Date.parse(normalizeIsoDate("2025-10-22T12:19"))).toBe(Date.UTC(2025, 9, 22, 12, 19));
    expect(Date.parse(normalizeIsoDate("2025-10-22T12:19:01-0500"))).toBe(Date.UTC(2025, 9, 22, 17, 19, 1));
  });
});
