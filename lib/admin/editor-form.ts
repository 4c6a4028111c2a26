import "server-only";
import { frontMatterSchema, isValidSlug } from "@/lib/content";
import { MAX_BODY_BYTES, labelOf, slugFromTitle, splitList, type EditorValues, type FieldErrors, type FieldKey, type FrontMatterValues } from "./editor-fields";

export type ValidForm = { ok: true; data: FrontMatterValues; body: string } | { ok: false; errors: FieldErrors };

const textOf = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/**
 * Reads the editor's fields from a submitted form; unknown fields are ignored. Nothing is cut: a value the schema
 * refuses is handed back whole with its error. The request itself is bounded (1 MiB, lib/http/limits.ts).
 */
export function readEditorForm(form: FormData): EditorValues {
  return {
    title: textOf(form, "title"),
    description: textOf(form, "description"),
    date: textOf(form, "date"),
    slug: textOf(form, "slug"),
    topics: textOf(form, "topics"),
    tags: textOf(form, "tags"),
    cta: form.get("cta") === "on",
    featured: form.get("featured") === "on",
    body: textOf(form, "body"),
  };
}

// The one schema's own field parsers, picked: the editor can never accept what the loader would refuse.
const editable = frontMatterSchema.pick({ title: true, description: true, date: true, slug: true, topics: true, tags: true, cta: true, featured: true });

/**
 * Checks the form with the one schema before anything is written; every problem is reported next to its field.
 * An empty slug is derived from the title.
 */
export function validateEditorForm(values: EditorValues): ValidForm {
  const errors: FieldErrors = {};
  const slug = values.slug.trim() || slugFromTitle(values.title);
  const parsed = editable.safeParse({
    title: values.title,
    description: values.description,
    date: values.date,
    slug: slug || undefined,
    topics: splitList(values.topics),
    tags: splitList(values.tags),
    cta: values.cta,
    featured: values.featured,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]) as FieldKey;
      const item = issue.path.length > 1 ? ` (item ${Number(issue.path[1]) + 1})` : "";
      errors[key] ??= `${labelOf(key)}${item} ${issue.message}`;
    }
  }
  if (!slug) errors.slug ??= "Slug is needed: type one, or a title it can be made from";
  else if (!isValidSlug(slug)) errors.slug ??= `Slug must be lowercase letters, digits and single hyphens (like my-first-post)`;
  const bytes = Buffer.byteLength(values.body, "utf8");
  if (bytes > MAX_BODY_BYTES) errors.body = `Body is ${bytes.toLocaleString("en-US")} bytes; the limit is ${MAX_BODY_BYTES.toLocaleString("en-US")} (1 MiB)`;
  if (values.body.includes("\0")) errors.body = "Body contains a NUL character; paste it as text";
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, data: { ...parsed.data, slug }, body: values.body };
}
