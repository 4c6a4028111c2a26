"use server";

import { z } from "zod";
import type { ShareState } from "@/components/admin/share-links";
import { authorize } from "@/lib/auth/request";
import { env } from "@/lib/config/env";
import { isValidSlug } from "@/lib/content";
import { SHARE_MAX_DAYS } from "@/lib/share/links";
import { revokePostShareLink, shareUnpublishedPost, type ShareOutcome } from "@/lib/share/manage";

const shareInput = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), slug: z.string().max(200).refine(isValidSlug), days: z.coerce.number().int().min(1).max(SHARE_MAX_DAYS) }),
  z.object({ intent: z.literal("revoke"), slug: z.string().max(200).refine(isValidSlug), id: z.string().regex(/^[0-9a-f]{16}$/) }),
]);

/** The editor's share links: "Create share link" and "Revoke" (editors and admins). The new link is shown once. */
export async function shareLinkAction(state: ShareState, form: FormData): Promise<ShareState> {
  const auth = await authorize("publish");
  if (!auth.ok) return { ...state, created: undefined, error: auth.error };
  const input = shareInput.safeParse(Object.fromEntries(form));
  if (!input.success) return { ...state, created: undefined, error: `Bad request: ${input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` };
  let outcome: ShareOutcome;
  try {
    outcome = input.data.intent === "create" ? await shareUnpublishedPost(input.data.slug, input.data.days, auth.session.email) : await revokePostShareLink(input.data.slug, input.data.id);
  } catch (error) {
    return { ...state, created: undefined, error: `Nothing was changed: ${(error as Error).message}` };
  }
  if (!outcome.ok) return { links: outcome.links, error: outcome.error };
  const created = outcome.created && { url: `${env().siteUrl}/share/${outcome.created.token}`, expiresAt: outcome.created.expiresAt };
  return { links: outcome.links, created, notice: created ? undefined : "Revoked: that link shows nothing from now on." };
}
