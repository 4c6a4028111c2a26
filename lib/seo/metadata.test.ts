import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { site } from "@/lib/config/site";
import { parsePostFile, type Post } from "@/lib/content";
import { postImageUrl, postJsonLd, postMetadata } from "./metadata";

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
const imageUrls = (post: Post) => {
  const metadata = postMetadata(post);
  const urls = (images: unknown) => [images].flat().map((image) => (image as { url: string }).url);
  return { og: urls(metadata.openGraph?.images), twitter: urls(metadata.twitter?.images) };
};
const CARD = `${SITE}/blog/hugo-fields/social-card.png`;

describe("postMetadata: a post migrated from Hugo", () => {
  it("describes the post by its description, else its summary, else its <!--more--> lead, else the site", () => {
    const lead = "The lead.\n\n<!--more-->\n\nThe rest.\n";
    expect(descriptions(parse("description: The description.\nsummary: The summary.\n", lead))).toEqual(Array(3).fill("The description."));
    expect(descriptions(parse("summary: The *summary*.\n", lead))).toEqual(Array(3).fill("The summary."));
    expect(descriptions(parse("", lead))).toEqual(Array(3).fill("The lead."));
    expect(descriptions(parse(""))).toEqual(Array(3).fill(site.description));
    expect(postJsonLd(parse("summary: The summary.\n", lead)).description).toBe("The summary.");
  });

  it("shares the first of `images` as og:image and twitter:image, made absolute against the site", () => {
    const post = parse("images: [/images/first.png, /images/second.png]\n");
    expect(imageUrls(post)).toEqual({ og: [`${SITE}/images/first.png`], twitter: [`${SITE}/images/first.png`] });
    expect(postJsonLd(post).image).toBe(`${SITE}/images/first.png`);
    expect(imageUrls(parse("images: [https://cdn.example.org/a.jpg]\n")).og).toEqual(["https://cdn.example.org/a.jpg"]);
  });

  it("shares `cover` (a path or PaperMod's {image: path}) when there are no `images`", () => {
    expect(imageUrls(parse("cover: /img/cover.jpg\n")).og).toEqual([`${SITE}/img/cover.jpg`]);
    expect(imageUrls(parse("cover:\n  image: /img/cover.jpg\n  alt: A cover\n")).og).toEqual([`${SITE}/img/cover.jpg`]);
  });

  it("reads a leaf bundle's relative image beside the post, where the bundle's files are served", () => {
    const bundled = parse("images: [cover.jpg]\n", "Body.\n", "posts/my-trip/index.md");
    expect(imageUrls(bundled).og).toEqual([`${SITE}/blog/my-trip/cover.jpg`]);
    // On a Hugo site the post's URL is Hugo's, ending in a slash.
    expect(postImageUrl({ images: ["photos/sea.jpg"], bundle: "post/my-trip", path: "/post/my-trip/" })).toBe(`${SITE}/post/my-trip/photos/sea.jpg`);
    // Outside a bundle there is nothing beside the post: the path is from the site's root, as Hugo's absURL reads it.
    expect(postImageUrl({ images: ["images/sea.jpg"], path: "/post/no-bundle/" })).toBe(`${SITE}/images/sea.jpg`);
  });

  it("ignores an image that is no http(s) URL or site path, and keeps the generated card", () => {
    for (const image of ["javascript:alert(1)", "data:image/png;base64,AAAA", " JavaScript:alert(1)"]) {
      expect(imageUrls(parse(`images: ["${image}"]\n`))).toEqual({ og: [CARD], twitter: [CARD] });
    }
    expect(imageUrls(parse('images: ["javascript:alert(1)", /images/safe.png]\n')).og).toEqual([`${SITE}/images/safe.png`]);
    expect(imageUrls(parse(""))).toEqual({ og: [CARD], twitter: [CARD] });
  });

  it("names the post's `keywords` in <meta name=keywords> when it has them, else its topics and tags", () => {
    const post = parse("keywords: [partner programs, co-sell]\ntopics: [partnerships]\ntags: [sales]\n");
    expect(postMetadata(post).keywords).toEqual(["partner programs", "co-sell"]);
    expect(postJsonLd(post).keywords).toBe("partner programs, co-sell");
    expect(postMetadata(parse("topics: [partnerships]\ntags: [sales]\n")).keywords).toEqual(["partnerships", "sales"]);
  });
});
