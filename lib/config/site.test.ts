import { describe, expect, it } from "vitest";
import { postAuthors, site } from "./site";

describe("postAuthors", () => {
  it("is the site's author for a post that names none", () => {
    expect(postAuthors({ title: "A post" })).toEqual([site.author.name]);
    expect(postAuthors({ authors: [] })).toEqual([site.author.name]);
  });

  it("is the post's own authors when its front matter names them", () => {
    expect(postAuthors({ authors: ["Ada Lovelace", "", "Grace Hopper"] })).toEqual(["Ada Lovelace", "Grace Hopper"]);
  });
});
