"use client";

import { useActionState } from "react";
import type { ShareLinkView } from "@/lib/share/manage";

/** What the share-links panel shows: the live links, the one just created (its URL is shown this once), a message. */
export type ShareState = { links: ShareLinkView[]; created?: { url: string; expiresAt: string }; notice?: string; error?: string };

type Props = { slug: string; links: ShareLinkView[]; action: (state: ShareState, form: FormData) => Promise<ShareState> };

const when = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;

/** The editor's share links for an unpublished post: create one (7 days by default, 30 at most), list and revoke. */
export function ShareLinks({ slug, links, action }: Props) {
  const [state, formAction, pending] = useActionState(action, { links });
  return (
    <section aria-labelledby="share-heading" className="admin-section share-links">
      <h2 id="share-heading">Share links</h2>
      <p>A share link shows this post as it will publish to anyone who has it, without an account, until it expires or is revoked.</p>
      {state.error && <p role="alert" className="form-error">{state.error}</p>}
      {state.notice && <p role="status" className="form-notice">{state.notice}</p>}
      {state.created && (
        <p role="status" className="form-notice">
          <label>
            New share link (copy it now: it is not shown again), valid until {when(state.created.expiresAt)}
            <input type="text" readOnly value={state.created.url} name="created-link" />
          </label>
        </p>
      )}
      <form action={formAction}>
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="intent" value="create" />
        <label>
          Valid for (days){" "}
          <input type="number" name="days" min={1} max={30} defaultValue={7} required />
        </label>{" "}
        <button type="submit" className="button" aria-disabled={pending || undefined}>
          Create share link
        </button>
      </form>
      {state.links.length === 0 ? (
        <p className="empty">No live share links.</p>
      ) : (
        <ul aria-label="Live share links">
          {state.links.map((link) => (
            <li key={link.id}>
              Link {link.id.slice(0, 6)}, made by {link.createdBy}, expires {when(link.expiresAt)}{" "}
              <form action={formAction} className="inline-form">
                <input type="hidden" name="slug" value={slug} />
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="id" value={link.id} />
                <button type="submit" className="button button--quiet" aria-disabled={pending || undefined}>
                  Revoke
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
