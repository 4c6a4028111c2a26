import "server-only";
import { emptyFrontMatter, loadContentIndex, replaceBody, setFrontMatterFields, type Post } from "@/lib/content";
import { planChanges } from "./changes";
import { labelOf, valuesOf, type EditorValues, type FormKey } from "./editor-fields";
import { validateEditorForm } from "./editor-form";
import { decodeText, newPostFile, openPost, parseForSite, postPaths, storedFields } from "./post-files";

/** What the preview renders: the post the form would save, and which fields it had to leave as they were. */
export type PreviewPost = { post: Post; skipped: string[] } | { post: null; error: string };

/** A value the preview uses in place of one the schema refuses, so a half-typed date never blanks the preview. */
function fallback(key: FormKey, stored: EditorValues | undefined, now: number): string | boolean {
  if (stored) return stored[key];
  if (key === "title") return "Untitled";
  if (key === "date") return new Date(now).toISOString();
  return "";
}

/**
 * The post the editor's form would save, built the way a save builds it: the form's changes applied to the file's
 * bytes (or to an empty post) by the one front-matter module, then parsed by the loader. The preview is therefore
 * what will publish, field for field. Fields the schema refuses keep their stored value and are named in `skipped`.
 */
export async function previewPost(values: EditorValues, slugBefore: string | null, now = Date.now()): Promise<PreviewPost> {
  const index = await loadContentIndex();
  const opened = slugBefore ? await openPost(slugBefore, index) : null;
  const storedValues = opened ? valuesOf(opened.post) : undefined;
  let valid = validateEditorForm(values);
  const skipped: string[] = [];
  if (!valid.ok) {
    const patched = { ...values };
    for (const key of Object.keys(valid.errors) as FormKey[]) {
      skipped.push(labelOf(key));
      Object.assign(patched, { [key]: key === "slug" ? "" : fallback(key, storedValues, now) });
    }
    valid = validateEditorForm(patched);
    if (!valid.ok) return { post: null, error: `The preview needs a valid ${skipped.join(", ")}.` };
  }
  const { data, body } = valid;
  let text: string;
  let relative: string;
  if (opened) {
    const plan = planChanges(storedFields(opened), data, body, { canFeature: true, ...postPaths(index, opened.post) });
    const fields = setFrontMatterFields(decodeText(opened.bytes), plan.changes);
    if (!fields.ok) return { post: null, error: fields.error };
    const withBody = plan.body === undefined ? fields : replaceBody(fields.source, plan.body);
    if (!withBody.ok) return { post: null, error: withBody.error };
    text = withBody.source;
    relative = opened.relative;
  } else {
    const { title, description, date, topics, tags, cta, featured } = data;
    const fields = setFrontMatterFields(emptyFrontMatter(index.frontMatterFormat), { title, description, date, topics, tags, cta, featured, draft: true });
    if (!fields.ok) return { post: null, error: fields.error };
    const withBody = replaceBody(fields.source, body.replace(/\r\n?/g, "\n"));
    if (!withBody.ok) return { post: null, error: withBody.error };
    text = withBody.source;
    relative = newPostFile(data.slug!, index).relative;
  }
  const parsed = parseForSite(index, relative, Buffer.from(text, "utf8"));
  if (!parsed.post) return { post: null, error: parsed.issues.filter((i) => i.severity === "error").map((i) => i.message).join("; ") };
  return { post: parsed.post, skipped };
}
