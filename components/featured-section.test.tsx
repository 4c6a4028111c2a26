import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Post } from "@/lib/content/shared";
import { FeaturedSection } from "./featured-section";

// Only the fields a card reads; the rest of a Post never reaches this component.
const post = { slug: "the-partner-map", path: "/blog/the-partner-map", title: "Draw the partner map", description: "", date: "2025-09-16", readingMinutes: 2 } as Post;

describe("FeaturedSection", () => {
  it("is a region labelled Featured when something is featured", () => {
    const html = renderToStaticMarkup(<FeaturedSection posts={[post]} />);
    expect(html).toMatch(/^<section aria-labelledby="featured-heading"[^>]*><h2 id="featured-heading">Featured<\/h2>/);
    expect(html).toContain('href="/blog/the-partner-map"');
  });

  it("renders nothing when nothing is featured", () => {
    expect(renderToStaticMarkup(<FeaturedSection posts={[]} />)).toBe("");
  });
});
