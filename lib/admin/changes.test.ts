import { describe, expect, it } from "vitest";
import { isEmptyPlan, planChanges, type StoredFields } from "./changes";

const stored: StoredFields = {
  title: "How to win",
  description: "",
  date: "2025-10-22T12:19:01-05:00",
  slug: "how-to-win",
  topics: ["partnerships", "strategy"],
  tags: [],
  cta: true,
  featured: false,
  draft: true,
  aliases: [],
  body: "\nFirst line.\n\nSecond.\n",
};
const pathFor = (slug: string) => `/blog/${slug}`;
const { aliases: _a, draft: _d, body: _b, ...same } = stored;

describe("planChanges", () => {
  it("plans nothing when the form holds what the file holds (CRLF from the browser included)", () => {
    const plan = planChanges(stored, same, "\r\nFirst line.\r\n\r\nSecond.\r\n", { canFeature: true, oldPath: "/blog/how-to-win", pathFor });
    expect(plan).toEqual({ changes: {}, fields: [], body: undefined });
    expect(isEmptyPlan(plan)).toBe(true);
  });

  it("lists exactly the fields that differ, and the body when it differs", () => {
    const plan = planChanges(stored, { ...same, title: "How to win big", tags: ["Deep dive"], topics: ["strategy", "partnerships"] }, "\nNew.\n", { canFeature: true, oldPath: "/blog/how-to-win", pathFor });
    expect(plan.changes).toEqual({ title: "How to win big", topics: ["strategy", "partnerships"], tags: ["Deep dive"] });
    expect(plan.body).toBe("\nNew.\n");
  });

  it("keeps the stored Featured when the user has no featured right", () => {
    expect(planChanges(stored, { ...same, featured: true }, stored.body, { canFeature: false, oldPath: "/x", pathFor }).changes).toEqual({});
    expect(planChanges(stored, { ...same, featured: true }, stored.body, { canFeature: true, oldPath: "/x", pathFor }).changes).toEqual({ featured: true });
  });

  it("sets draft only when the lifecycle button changes it", () => {
    expect(planChanges(stored, same, stored.body, { canFeature: true, draft: true, oldPath: "/x", pathFor }).fields).toEqual([]);
    expect(planChanges(stored, same, stored.body, { canFeature: true, draft: false, oldPath: "/x", pathFor }).changes).toEqual({ draft: false });
  });

  it("adds the old URL to aliases on a slug change, and drops it again when the slug comes back", () => {
    const renamed = planChanges({ ...stored, aliases: ["/old/one"] }, { ...same, slug: "how-to-win-big" }, stored.body, { canFeature: true, oldPath: "/blog/how-to-win", pathFor });
    expect(renamed.changes).toEqual({ slug: "how-to-win-big", aliases: ["/old/one", "/blog/how-to-win"] });
    const back = planChanges({ ...stored, slug: "how-to-win-big", aliases: ["/old/one", "/blog/how-to-win"] }, { ...same, slug: "how-to-win" }, stored.body, { canFeature: true, oldPath: "/blog/how-to-win-big", pathFor });
    // The URL now in use is no longer an alias; the one just left becomes one.
    expect(back.changes.aliases).toEqual(["/old/one", "/blog/how-to-win-big"]);
  });
});
