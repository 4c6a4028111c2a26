import type { FrontMatter, Post } from "@/lib/content/shared";

// The editor's fields, values and messages: pure data and functions that the browser's editor (slug from title,
// list suggestions) and the server's validation (./editor-form.ts) share. Nothing here touches the file system.

/**
 * The editor's form, generated from the one schema (lib/content/schema.ts): each field names the schema key it edits,
 * and each value is checked by that key's own zod schema before anything is written. The form keeps every value as
 * the text the person typed, so a refused save hands all of it back.
 */
export const EDITOR_FIELDS = [
  { key: "title", label: "Title", kind: "text" },
  { key: "description", label: "Description", kind: "multiline" },
  { key: "date", label: "Date", kind: "date" },
  { key: "slug", label: "Slug", kind: "slug" },
  { key: "topics", label: "Topics", kind: "list" },
  { key: "tags", label: "Tags", kind: "list" },
  { key: "cta", label: "Call to action", kind: "flag" },
  { key: "featured", label: "Featured", kind: "flag" },
] as const satisfies readonly { key: keyof FrontMatter; label: string; kind: string }[];

export type EditorField = (typeof EDITOR_FIELDS)[number];
export type FieldKey = EditorField["key"];
/** A field of the form, the body included. */
export type FormKey = FieldKey | "body";

/** The editor's values as typed: text for text fields and lists (comma-separated), booleans for the check boxes. */
export type EditorValues = {
  title: string;
  description: string;
  date: string;
  slug: string;
  topics: string;
  tags: string;
  cta: boolean;
  featured: boolean;
  body: string;
};

/** Longest body accepted: the loader refuses files over 1 MiB, so a body alone may not be larger. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What a valid form becomes: front-matter values in the schema's own types, and the body. */
export type FrontMatterValues = {
  title: string;
  description: string;
  date: string;
  slug?: string;
  topics: string[];
  tags: string[];
  cta: boolean;
  featured: boolean;
};

export type FieldErrors = Partial<Record<FormKey, string>>;


/** The label of a form field, for messages ("Title", "Call to action", "Body"). */
export function labelOf(key: FormKey): string {
  return key === "body" ? "Body" : EDITOR_FIELDS.find((field) => field.key === key)!.label;
}

/** "a, b ,, c" → ["a", "b", "c"]: the list fields are typed as comma-separated text. */
export function splitList(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** The form's values for a post as stored. */
export function valuesOf(post: Post): EditorValues {
  return {
    title: post.title,
    description: post.description,
    date: post.date,
    slug: post.slug,
    topics: post.topics.join(", "),
    tags: post.tags.join(", "),
    cta: post.cta,
    featured: post.featured,
    body: post.body,
  };
}

/** "My First Post: Notes!" → "my-first-post-notes": what the slug becomes until someone edits it. */
export function slugFromTitle(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "") // "writer's" → "writers", as Hugo's urlize does
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}
