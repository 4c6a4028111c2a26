import type { FrontMatterValues } from "./editor-fields";

/** A value the front-matter module can write; `null` removes the field. */
export type ChangeValue = string | boolean | number | readonly string[] | null;

/** The stored side of a comparison: the post's parsed fields (defaults applied) and its aliases as written. */
export type StoredFields = FrontMatterValues & { slug: string; draft: boolean; aliases: readonly string[]; body: string };

/** What a save writes: the front-matter fields to set (only those that differ), and the body when it differs. */
export type Plan = {
  changes: Record<string, ChangeValue>;
  /** The names of the fields that change, body excluded, in the order they are written. */
  fields: string[];
  /** The new body, or undefined when it is unchanged. */
  body: string | undefined;
};

export type PlanOptions = {
  /** Whether the user may set Featured; without the right, the stored value is kept whatever the form says. */
  canFeature: boolean;
  /** The draft flag after this save: the lifecycle button decides it (undefined keeps the stored one). */
  draft?: boolean;
  /** The post's public URL before the save; a slug change adds it to `aliases` so old links keep working. */
  oldPath: string;
  /** The public URL a slug gives the post (the site's permalink rule). */
  pathFor: (slug: string) => string;
};

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/** Browsers send a textarea's line breaks as CRLF; the body is compared and written with the file's own (see replaceBody). */
export function normalizeBody(body: string): string {
  return body.replace(/\r\n?/g, "\n");
}

/**
 * Compares what the form holds with what the file holds and lists only the differences: an unchanged field is never
 * rewritten, so a save with no changes writes nothing. Values are compared as parsed (so an absent `cta` and an
 * unticked box are the same), lists item by item, dates as the author's string.
 */
export function planChanges(stored: StoredFields, next: FrontMatterValues, body: string, options: PlanOptions): Plan {
  const changes: Record<string, ChangeValue> = {};
  if (next.title !== stored.title) changes.title = next.title;
  if (next.description !== stored.description) changes.description = next.description;
  if (next.date !== stored.date) changes.date = next.date;
  const slug = next.slug ?? stored.slug;
  if (slug !== stored.slug) {
    changes.slug = slug;
    // Hugo's aliases: the old URL redirects to the new one. Renaming back drops the alias of the URL now in use.
    const newPath = options.pathFor(slug);
    changes.aliases = [...stored.aliases.filter((alias) => alias !== options.oldPath && alias !== newPath), options.oldPath];
  }
  if (!sameList(next.topics, stored.topics)) changes.topics = next.topics;
  if (!sameList(next.tags, stored.tags)) changes.tags = next.tags;
  if (next.cta !== stored.cta) changes.cta = next.cta;
  if (options.canFeature && next.featured !== stored.featured) changes.featured = next.featured;
  if (options.draft !== undefined && options.draft !== stored.draft) changes.draft = options.draft;
  const newBody = normalizeBody(body);
  return { changes, fields: Object.keys(changes), body: newBody === stored.body ? undefined : newBody };
}

/** Whether a plan writes anything at all. */
export function isEmptyPlan(plan: Plan): boolean {
  return plan.fields.length === 0 && plan.body === undefined;
}
