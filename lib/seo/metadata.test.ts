import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { site } from "@/lib/config/site";
import { parsePostFile, type Post } from "@/lib/content";
import { postJsonLd, postMetadata } from "./metadata";

const SITE = "https://folio.example";
const saved = { CONTENT_DIR: process.env.CONTENT_DIR, SITE_URL: process.env.SITE_URL };
beforeEach(() => {
  process.env.CONTENT_DIR = path.join(__dirname, "../../tests/fixtures/site");
  process.env.SITE_URL = SITE;
});
afterEach(() => Object.assign(process.env, saved));

function parse(front: string, body = "Body.\n", file = "posts/hugo-fields.md"): Post {
  const { post, issues } = parsePostFile(file, Buffer.from(`---\ntitle: Hugo fields\ndate: 2025-10-01\n${front}---\n${body}`));
  if (!post) throw new Error(JSON.stringify(issues));
  return post;
}

const descriptions = (post: Post) => {
  const metadata = postMetadata(post);
  return [metadata.description, metadata.openGraph?.description, metadata.twitter?.description];
};

describe("postMetadata: a post migrated from Hugo", () => {
  it("describes the post by its description, else its summary, else its <!--more--> lead, else the site", () => {
    const lead = "The lead.\n\n<!--more-->\n\nThe rest.\n";
    expect(descriptions(parse("description: The description.\nsummary: The summary.\n", lead))).toEqual(Array(3).fill("The description."));
    expect(descriptions(parse("summary: The *summary*.\n", lead))).toEqual(Array(3).fill("The summary."));
    expect(descriptions(parse("", lead))).toEqual(Array(3).fill("The lead."));
    expect(descriptions(parse(""))).toEqual(Array(3).fill(site.description));
    expect(postJsonLd(parse("summary: The summary.\n", lead)).description).toBe("The summary.");
  });
});
