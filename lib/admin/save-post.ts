import "server-only";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { can, type Role } from "@/lib/auth/config";
import { WriteConflictError, writeFileAtomic } from "@/lib/fs/atomic";
import { emptyFrontMatter, hiddenByTheSite, instantOf, invalidateContentIndex, postStatus, replaceBody, setFrontMatterFields, type ContentIndex, type FrontMatterFormat, type Post } from "@/lib/content";
import type { AuditInput } from "./audit";
import { isEmptyPlan, planChanges, type Plan } from "./changes";
import { labelOf, type EditorValues, type FieldErrors, type FrontMatterValues } from "./editor-fields";
import { validateEditorForm } from "./editor-form";
import { recordWrite, type WrittenBytes } from "./history/record";
import { decodeText, freshIndex, newPostFile, parseForSite, postPaths, readPostFile, sha256, storedFields, underLock, type PostFile } from "./post-files";

/** The lifecycle buttons: Save keeps the status, Publish (or Schedule) makes a draft public, Unpublish makes it a draft. */
export type SaveIntent = "save" | "publish" | "unpublish";

/** Who is saving: their email goes in the audit log, their role decides what they may do. */
export type Actor = { email: string; role: Role };

export type SaveInput = {
  actor: Actor;
  values: EditorValues;
  intent: SaveIntent;
  /** The slug the form was opened with; null creates a new post. */
  slugBefore: string | null;
  /** SHA-256 of the file when the form was opened; a different file on disk is a conflict. */
  baseHash: string | null;
};

/** A field that differs between the file on disk and the form, for the conflict message. */
export type ConflictField = { label: string; disk: string };

export type SaveResult =
  | { ok: true; changed: boolean; post: Post; hash: string; action: AuditInput["action"]; fields: string[]; bodyChanged: boolean; before?: Post }
  | { ok: false; status: 403 | 404 | 409 | 413 | 422 | 500; error: string; errors?: FieldErrors; conflict?: { hash: string; fields: ConflictField[] } };

/** What the lifecycle button does to `draft`, and what the audit log calls it. */
function lifecycle(intent: SaveIntent, stored: Post | undefined, data: FrontMatterValues, now: number): { draft?: boolean; action: AuditInput["action"] } {
  if (intent === "unpublish") return { draft: true, action: "unpublish" };
  if (intent === "publish") {
    const future = instantOf(data.date) > now;
    return { draft: false, action: future ? "schedule" : "publish" };
  }
  return { draft: stored ? undefined : true, action: stored ? "save" : "create" };
}

/** Who may do what, checked against the file as it is now (under its lock), never against the page the form came from. */
function refusal(actor: Actor, intent: SaveIntent, stored: Post | undefined): string | null {
  if (!can(actor.role, "write")) return `Your role (${actor.role}) may not write posts.`;
  if (intent !== "save" && !can(actor.role, "publish")) return `Your role (${actor.role}) may not ${intent} posts; an editor can.`;
  if (stored && !stored.draft && !can(actor.role, "publish")) return `This post is ${postStatus(stored)}; only an editor may change it. Nothing was saved.`;
  return null;
}

/** The fields whose value on disk differs from the form's, with the disk's value, for the conflict message. */
function differingFields(current: PostFile, values: EditorValues): ConflictField[] {
  const disk = current.post;
  const pairs: [keyof EditorValues, string, string][] = [
    ["title", disk.title, values.title],
    ["description", disk.description, values.description],
    ["date", disk.date, values.date],
    ["slug", disk.slug, values.slug],
    ["topics", disk.topics.join(", "), values.topics],
    ["tags", disk.tags.join(", "), values.tags],
    ["cta", String(disk.cta), String(values.cta)],
    ["body", disk.body, values.body.replace(/\r\n?/g, "\n")],
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([key, a]) => ({ label: labelOf(key), disk: a }));
}

/** Applies a plan to a file's text with the one front-matter module: changed fields in place, then the body. */
function applyPlan(text: string, plan: Plan): { ok: true; text: string } | { ok: false; error: string } {
  const fields = setFrontMatterFields(text, plan.changes);
  if (!fields.ok) return fields;
  if (plan.body === undefined) return { ok: true, text: fields.source };
  const body = replaceBody(fields.source, plan.body);
  return body.ok ? { ok: true, text: body.source } : body;
}

/**
 * The new bytes must parse to a valid post with the expected slug, under the loader's size cap: never write a broken
 * file. Publishing a post that the site keeps out whatever it says (a draft section above it, a cascade, its own
 * build options) is refused with the reason, rather than answered "published" for a page no reader can see.
 */
function checkResult(index: ContentIndex, relative: string, bytes: Buffer, slug: string, publishing: boolean): { ok: true; post: Post } | { ok: false; status: 409 | 413 | 422; error: string } {
  const parsed = parseForSite(index, relative, bytes);
  if (!parsed.post) {
    const why = parsed.issues.filter((i) => i.severity === "error").map((i) => `${i.field ?? "file"}: ${i.message}`);
    const tooBig = why.some((w) => /the limit is \d+ bytes/.test(w));
    return { ok: false, status: tooBig ? 413 : 422, error: `Nothing was saved: the post would not be valid (${why.join("; ")})` };
  }
  if (parsed.post.slug !== slug) return { ok: false, status: 422, error: `Nothing was saved: the file would have the slug '${parsed.post.slug}', not '${slug}'` };
  const hiddenBy = hiddenByTheSite(index, parsed.post);
  if (publishing && hiddenBy !== undefined) {
    return { ok: false, status: 409, error: `Nothing was saved: publishing cannot put this post on the site, because ${hiddenBy}. Save it as a draft, or change that first.` };
  }
  return { ok: true, post: hiddenBy === undefined ? parsed.post : { ...parsed.post, hiddenBy } };
}

/** Records the write in the audit log and both versions in the history; the error's message when it cannot. */
export async function audit(record: AuditInput, bytes: WrittenBytes): Promise<string | null> {
  try {
    await recordWrite(record, bytes);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Another post (or its alias) already answers at this slug, in `index` (freshly loaded by the caller). */
export function slugTaken(index: ContentIndex, slug: string, exceptFile?: string): string | null {
  const owner = index.files.find((r) => r.post?.slug === slug && r.file !== exceptFile);
  return owner ? owner.file : null;
}

/**
 * Saves the editor's form over an existing post: validates it with the one schema, checks the role against the file
 * as it is now, refuses (409) when the file changed since the form was opened, writes only the fields that differ
 * and the body when it differs (nothing at all when nothing differs), records the change, and undoes a write the
 * audit log could not record. All under the file's lock, so the hash check and the rename cannot be interleaved.
 */
export async function savePost(input: SaveInput & { slugBefore: string }, located: { file: string; relative: string }, now = Date.now()): Promise<SaveResult> {
  const valid = validateEditorForm(input.values);
  if (!valid.ok) return { ok: false, status: 422, error: "Nothing was saved: fix the fields marked below.", errors: valid.errors };
  const { data, body } = valid;
  const index = await freshIndex();
  return underLock(located.file, async (): Promise<SaveResult> => {
    const current = await readPostFile(located.file, located.relative, index);
    if (!current) return { ok: false, status: 404, error: "Nothing was saved: the post's file is gone (moved or deleted). Your text is still in the form." };
    if ("invalid" in current) return { ok: false, status: 409, error: `Nothing was saved: the file on disk no longer parses (${current.invalid}). Fix it by hand, then reload.` };
    if (current.hash !== input.baseHash) {
      return { ok: false, status: 409, error: "Nothing was saved: the file changed on disk since you opened it.", conflict: { hash: current.hash, fields: differingFields(current, input.values) } };
    }
    // A rename is a slug other than the one the file states. (A post that shares its slug with another, as Hugo's
    // dated permalinks allow, keeps it, and keeps the name the admin gives it: input.slugBefore.)
    const renamed = data.slug !== current.post.slug;
    const owner = renamed ? slugTaken(index, data.slug!, located.relative) : null;
    if (owner) return { ok: false, status: 409, error: "Nothing was saved: that slug is taken.", errors: { slug: `Slug '${data.slug}' is already used by ${owner}` } };
    const adminSlug = renamed ? data.slug! : input.slugBefore;
    const refused = refusal(input.actor, input.intent, current.post);
    if (refused) return { ok: false, status: 403, error: refused };
    const { draft, action } = lifecycle(input.intent, current.post, data, now);
    const plan = planChanges(storedFields(current), data, body, { canFeature: can(input.actor.role, "feature"), draft, ...postPaths(index, current.post) });
    if (isEmptyPlan(plan)) return { ok: true, changed: false, post: { ...current.post, slug: adminSlug }, hash: current.hash, action, fields: [], bodyChanged: false };
    const applied = applyPlan(decodeText(current.bytes), plan);
    if (!applied.ok) return { ok: false, status: 422, error: `Nothing was saved: ${applied.error}` };
    const next = Buffer.from(applied.text, "utf8");
    const checked = checkResult(index, located.relative, next, data.slug!, input.intent === "publish");
    if (!checked.ok) return checked;
    try {
      // Compare-and-swap: the file must still be the bytes read above when the rename happens (another process
      // may write it without this process's lock).
      await writeFileAtomic(located.file, next, { expect: current.hash });
    } catch (error) {
      if (error instanceof WriteConflictError) return { ok: false, status: 409, error: "Nothing was saved: the file changed on disk while saving. Save again to see what changed." };
      return { ok: false, status: 500, error: `Nothing was saved: ${(error as Error).message}` };
    } finally {
      invalidateContentIndex();
    }
    const hash = sha256(next);
    const record: AuditInput = { at: new Date(now).toISOString(), actor: input.actor.email, action, slug: adminSlug, file: located.relative, fields: plan.fields, bodyChanged: plan.body !== undefined, hashBefore: current.hash, hashAfter: hash };
    const failed = await audit(record, { before: current.bytes, after: next });
    if (failed) return undoWrite(located.file, current.bytes, hash, failed);
    return { ok: true, changed: true, post: { ...checked.post, slug: adminSlug }, hash, action, fields: plan.fields, bodyChanged: plan.body !== undefined, before: current.post };
  });
}

/** Puts the replaced bytes back after a write the audit log could not record (unless the file changed since). */
export async function undoWrite(file: string, original: Buffer, written: string, why: string): Promise<SaveResult> {
  try {
    await writeFileAtomic(file, original, { expect: written });
  } catch (error) {
    return { ok: false, status: 500, error: `The post was saved but the audit log could not be written (${why}), and undoing the save failed: ${(error as Error).message}` };
  } finally {
    invalidateContentIndex();
  }
  return { ok: false, status: 500, error: `Nothing was saved: the audit log could not be written (${why}).` };
}

/** The fields a new post is written with, in this order; empty lists, empty text and false flags are left out. */
function initialFields(data: FrontMatterValues, draft: boolean, canFeature: boolean): Record<string, string | boolean | readonly string[]> {
  const fields: Record<string, string | boolean | readonly string[]> = { title: data.title };
  if (data.description) fields.description = data.description;
  fields.date = data.date;
  if (data.topics.length > 0) fields.topics = data.topics;
  if (data.tags.length > 0) fields.tags = data.tags;
  if (data.cta) fields.cta = true;
  if (canFeature && data.featured) fields.featured = true;
  if (draft) fields.draft = true;
  return fields;
}

/**
 * Writes a new post as `SLUG.md` in the site's posts folder, in the site's front-matter format (a Hugo site's
 * configured or most used one), through the same
 * front-matter module as every edit. Refuses a slug another post has, and never replaces an existing file (the
 * final link is exclusive, so two people creating the same slug at once cannot both win).
 */
export async function createPost(input: SaveInput, format?: FrontMatterFormat, now = Date.now()): Promise<SaveResult> {
  const valid = validateEditorForm(input.values);
  if (!valid.ok) return { ok: false, status: 422, error: "Nothing was saved: fix the fields marked below.", errors: valid.errors };
  const { data, body } = valid;
  const refused = refusal(input.actor, input.intent === "unpublish" ? "save" : input.intent, undefined);
  if (refused) return { ok: false, status: 403, error: refused };
  const slug = data.slug!;
  const index = await freshIndex();
  const owner = slugTaken(index, slug);
  if (owner) return { ok: false, status: 409, error: "Nothing was saved: that slug is taken.", errors: { slug: `Slug '${slug}' is already used by ${owner}` } };
  const { draft, action } = input.intent === "publish" ? lifecycle("publish", undefined, data, now) : { draft: true, action: "create" as const };
  const target = newPostFile(slug, index);
  const fields = setFrontMatterFields(emptyFrontMatter(format ?? index.frontMatterFormat), initialFields(data, draft !== false, can(input.actor.role, "feature")));
  if (!fields.ok) return { ok: false, status: 422, error: `Nothing was saved: ${fields.error}` };
  const withBody = replaceBody(fields.source, body.replace(/\r\n?/g, "\n"));
  if (!withBody.ok) return { ok: false, status: 422, error: `Nothing was saved: ${withBody.error}` };
  const bytes = Buffer.from(withBody.source, "utf8");
  const checked = checkResult(index, target.relative, bytes, slug, input.intent === "publish");
  if (!checked.ok) return checked;
  try {
    await mkdir(path.dirname(target.file), { recursive: true });
    await writeFileAtomic(target.file, bytes, { exclusive: true });
  } catch (error) {
    if ((error as { code?: string }).code === "EEXIST") {
      return { ok: false, status: 409, error: "Nothing was saved: that slug is taken.", errors: { slug: `A file named ${target.relative} already exists` } };
    }
    return { ok: false, status: 500, error: `Nothing was saved: ${(error as Error).message}` };
  } finally {
    invalidateContentIndex();
  }
  const hash = sha256(bytes);
  const record: AuditInput = { at: new Date(now).toISOString(), actor: input.actor.email, action: action === "create" ? "create" : action, slug, file: target.relative, fields: Object.keys(fields.previous), bodyChanged: body !== "", hashBefore: null, hashAfter: hash };
  const failed = await audit(record, { before: null, after: bytes });
  if (failed) {
    await rm(target.file, { force: true }).finally(invalidateContentIndex);
    return { ok: false, status: 500, error: `Nothing was saved: the audit log could not be written (${failed}).` };
  }
  return { ok: true, changed: true, post: checked.post, hash, action, fields: Object.keys(fields.previous), bodyChanged: body !== "" };
}
