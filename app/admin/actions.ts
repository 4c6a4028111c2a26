"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { FeaturedActionResult } from "@/components/admin/featured-switch";
import { setFeatured } from "@/lib/admin/featured";
import { expirePaths } from "@/lib/cache";
import { authorize, clearSessionCookie, currentSessionId } from "@/lib/auth/request";
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
    // The home page's Featured region, the blog lists and the post: regenerated on their next request. Through
    // lib/cache, not revalidatePath: any revalidatePath makes Next.js re-render the page the action was posted from
    // (the dashboard, one row per post) into this action's response, which was most of a toggle's time.
    await expirePaths(["/", "/blog", "/blog/page/*", `/blog/${input.data.slug}`]);
  }
  return { ok: true, featured: result.featured };
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
