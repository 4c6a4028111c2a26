"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { FeaturedActionResult } from "@/components/admin/featured-switch";
import { setFeatured } from "@/lib/admin/featured";
import { moveFeatured } from "@/lib/admin/featured-order";
import { authorize, clearSessionCookie, currentSessionId } from "@/lib/auth/request";
import { expirePaths, postPaths } from "@/lib/cache";
import { deleteSession } from "@/lib/auth/sessions";
import { isValidSlug } from "@/lib/content";

const featuredInput = z.object({
  slug: z.string().max(200).refine(isValidSlug, "not a valid slug"),
  featured: z.boolean(),
});

/** Sets or clears Featured on a post: marketers and admins only; the file's front matter is edited in place. */
export async function setFeaturedAction(slug: unknown, featured: unknown): Promise<FeaturedActionResult> {
  const auth = await authorize("feature");
  if (!auth.ok) return { ok: false, error: auth.error };
  const input = featuredInput.safeParse({ slug, featured });
  if (!input.success) return { ok: false, error: `Bad request: ${input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` };
  const result = await setFeatured(input.data.slug, input.data.featured, auth.session.email);
  if (!result.ok) return { ok: false, error: result.error };
  if (result.changed) {
    // The home page's Featured region, the blog list and the post: regenerated on their next request. Through
    // lib/cache, not revalidatePath, which would make Next re-render the dashboard into this action's answer.
    await expirePaths(["/", "/blog", "/blog/page/*", ...postPaths({ slug: input.data.slug })]);
  }
  return { ok: true, featured: result.featured };
}

const moveInput = z.object({
  slug: z.string().max(200).refine(isValidSlug, "not a valid slug"),
  direction: z.enum(["up", "down"]),
});

/** Moves a post one place up or down in the Featured region (marketers and admins); stored as each post's weight. */
export async function moveFeaturedAction(form: FormData): Promise<void> {
  const auth = await authorize("feature");
  if (!auth.ok) redirect("/admin?order=refused#featured-order-heading");
  const input = moveInput.safeParse({ slug: form.get("slug"), direction: form.get("direction") });
  if (!input.success) redirect("/admin?order=bad#featured-order-heading");
  const result = await moveFeatured(input.data.slug, input.data.direction, auth.session.email);
  if (!result.ok) redirect(`/admin?order=${result.status === 409 ? "conflict" : "failed"}#featured-order-heading`);
  if (result.changed.length > 0) await expirePaths(["/"]);
  redirect("/admin?order=saved#featured-order-heading");
}

/**
 * Signs out: the server-side session is deleted, so the old cookie is dead even if someone kept a copy. The cookie
 * is cleared whatever happens: a read-only or full DATA_DIR (the deletion fails, and is logged) never turns
 * sign-out into an error page that leaves the browser signed in.
 */
export async function signOutAction(): Promise<void> {
  const id = await currentSessionId();
  if (id) await deleteSession(id).catch((error: Error) => console.error(`[folio] sign-out could not delete the session: ${error.message}`));
  await clearSessionCookie();
  redirect("/admin/login");
}
