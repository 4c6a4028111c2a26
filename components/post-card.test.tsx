import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Post } from "@/lib/content/shared";
import { PostCard } from "./post-card";

// Only the fields a card reads; the rest of a Post never reaches this component.
const card = (fields: Partial<Post>) =>
  renderToStaticMarkup(<PostCard post={{ slug: "hugo", path: "/blog/hugo", title: "Hugo", description: "", date: "2025-09-16", readingMinutes: 2, ...fields } as Post} />);
const summaryOf = (html: string) => /<p class="post-card__description">(.*?)<\/p>/.exec(html)?.[1];

describe("PostCard", () => {
  it("shows the description, else the summary, else the <!--more--> lead, else no summary line", () => {
    expect(summaryOf(card({ description: "The description.", summary: "The summary.", excerpt: "The lead." }))).toBe("The description.");
    expect(summaryOf(card({ summary: "The *summary*.", excerpt: "The lead." }))).toBe("The summary.");
    expect(summaryOf(card({ excerpt: "The lead." }))).toBe("The lead.");
    expect(summaryOf(card({}))).toBeUndefined();
  });
});
