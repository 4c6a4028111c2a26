"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { expireAfterWrite } from "@/lib/admin/expire";
import { revertPost } from "@/lib/admin/history/revert";
import { authorize } from "@/lib/auth/request";
import { isValidSlug } from "@/lib/content";

const HASH = /^[0-9a-f]{64}$/;
const revertInput = z.object({
  slug: z.string().max(200).refine(isValidSlug, "not a valid slug"),
  version: z.string().regex(HASH, "not a version"),
  baseHash: z.string().regex(HASH, "not a version"),
});

const OUTCOME: Record<number, string> = { 401: "signed-out", 403: "refused", 404: "gone", 409: "conflict", 422: "invalid", 500: "failed" };

/** Restores an earlier version of a post (the history page's "Restore" and "Undo restore" buttons). */
export async function revertAction(form: FormData): Promise<void> {
  const auth = await authorize("write");
  const input = revertInput.safeParse({ slug: form.get("slug"), version: form.get("version"), baseHash: form.get("baseHash") });
  if (!input.success) redirect("/admin?history=bad");
  const page = `/admin/posts/${input.data.slug}/history`;
  if (!auth.ok) redirect(`${page}?done=${OUTCOME[auth.status]}`);
  const result = await revertPost({ ...input.data, actor: { email: auth.session.email, role: auth.session.role } });
  if (!result.ok) redirect(`${page}?done=${OUTCOME[result.status]}`);
  if (result.changed) await expireAfterWrite(result.before, result.post);
  redirect(`/admin/posts/${result.post.slug}/history?done=restored&undo=${result.replaced}`);
}
