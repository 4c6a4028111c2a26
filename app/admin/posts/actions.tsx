"use server";

import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import type { EditorState, Intent } from "@/components/admin/editor-state";
import { EditorPreview } from "@/components/admin/editor-preview";
import { readEditorForm } from "@/lib/admin/editor-form";
import { expireAfterWrite } from "@/lib/admin/expire";
import { locatePost } from "@/lib/admin/post-files";
import { previewPost } from "@/lib/admin/preview";
import { createPost, savePost, type SaveResult } from "@/lib/admin/save-post";
import { restorePost, trashPost } from "@/lib/admin/trash";
import { authorize } from "@/lib/auth/request";
import { formatPostDate, isValidSlug, postStatus } from "@/lib/content";
import { renderPreview } from "./render-preview";

const INTENTS = new Set<Intent>(["save", "publish", "unpublish"]);

/** The form's intent ("save", or "overwrite:publish" after a conflict), its slug and the hash it is based on. */
function readIntent(form: FormData): { intent: Intent; baseHash: string | null; slugBefore: string | null } | null {
  const raw = String(form.get("intent") ?? "save");
  const overwrite = raw.startsWith("overwrite:");
  const intent = (overwrite ? raw.slice("overwrite:".length) : raw) as Intent;
  if (!INTENTS.has(intent)) return null;
  const hash = String(form.get(overwrite ? "overwriteHash" : "baseHash") ?? "");
  const slug = String(form.get("slugBefore") ?? "");
  return { intent, baseHash: /^[0-9a-f]{64}$/.test(hash) ? hash : null, slugBefore: isValidSlug(slug) ? slug : null };
}

function doneMessage(result: Extract<SaveResult, { ok: true }>): string {
  if (!result.changed) return "No changes to save: the file was left as it was.";
  const post = result.post;
  if (result.action === "publish") return `Published: it is live at /blog/${post.slug}.`;
  if (result.action === "schedule") return `Scheduled for ${formatPostDate(post.date)}.`;
  if (result.action === "unpublish") return "Unpublished: it is a draft again, and gone from the site.";
  return "Saved.";
}

/**
 * The editor's form: create or save a post, and publish, schedule or unpublish it. Each step is checked by the lib
 * call against the file as it is now (role, hash, schema); a refused save hands back exactly what was typed.
 */
export async function savePostAction(state: EditorState, form: FormData): Promise<EditorState> {
  const values = readEditorForm(form);
  const refuse = (text: string, extra: Partial<EditorState> = {}): EditorState => ({ ...state, values, errors: {}, conflict: undefined, notice: { kind: "error", text }, ...extra });
  const auth = await authorize("write");
  if (!auth.ok) return refuse(auth.error);
  const input = readIntent(form);
  if (!input) return refuse("Bad request: unknown button.");
  const actor = { email: auth.session.email, role: auth.session.role };
  let result: SaveResult;
  if (input.slugBefore) {
    const located = await locatePost(input.slugBefore);
    if (!located) return refuse("Nothing was saved: this post's file is gone (moved, renamed or deleted). Your text is still in the form.");
    result = await savePost({ ...input, slugBefore: input.slugBefore, actor, values }, located);
  } else {
    result = await createPost({ ...input, actor, values });
  }
  if (!result.ok) {
    const conflict = result.conflict && { status: 409 as const, hash: result.conflict.hash, intent: input.intent, fields: result.conflict.fields };
    return refuse(result.error, { errors: result.errors ?? {}, conflict });
  }
  if (result.changed) await expireAfterWrite(result.before, result.post);
  // A new post, or a new slug, has a new editor URL: go there (it works without JavaScript too).
  if (!input.slugBefore) redirect(`/admin/posts/${result.post.slug}?done=${result.action}`);
  if (result.post.slug !== input.slugBefore) redirect(`/admin/posts/${result.post.slug}?done=renamed`);
  return {
    values: { ...values, body: result.post.body },
    baseHash: result.hash,
    slug: result.post.slug,
    status: postStatus(result.post),
    hiddenBy: result.post.hiddenBy,
    errors: {},
    notice: { kind: "saved", text: doneMessage(result) },
    savedCount: state.savedCount + 1,
  };
}

/** The live preview: the form's post rendered by the public post's pipeline and components. */
export async function previewPostAction(form: FormData): Promise<ReactNode> {
  const auth = await authorize("preview");
  if (!auth.ok) return <p role="alert">{auth.error}</p>;
  const slug = String(form.get("slugBefore") ?? "");
  const built = await previewPost(readEditorForm(form), isValidSlug(slug) ? slug : null);
  if (!built.post) return <EditorPreview error={built.error} />;
  return renderPreview(built.post, built.skipped);
}

/** Moves the post to the trash (editors and admins), unless its file changed since the editor opened it. */
export async function deletePostAction(form: FormData): Promise<void> {
  const auth = await authorize("publish");
  const slug = String(form.get("slugBefore") ?? "");
  if (!isValidSlug(slug)) redirect("/admin");
  if (!auth.ok) redirect(`/admin/posts/${slug}?done=delete-refused`);
  const result = await trashPost(slug, String(form.get("baseHash") ?? ""), auth.session.email);
  if (!result.ok) redirect(`/admin/posts/${slug}?done=${result.status === 409 ? "delete-conflict" : "delete-failed"}`);
  await expireAfterWrite(result.post, undefined);
  redirect(`/admin?deleted=${encodeURIComponent(slug)}`);
}

/** Puts a post from the trash back where it was (editors and admins). */
export async function restorePostAction(form: FormData): Promise<void> {
  const auth = await authorize("publish");
  if (!auth.ok) redirect("/admin?trash=refused");
  const result = await restorePost(String(form.get("id") ?? ""), auth.session.email);
  if (!result.ok) redirect(`/admin?trash=${result.status === 409 ? "conflict" : "failed"}`);
  await expireAfterWrite(undefined, result.post);
  redirect(`/admin?restored=${encodeURIComponent(result.entry.slug)}`);
}
