import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { HistoryList } from "@/components/admin/history-list";
import { getPostHistory } from "@/lib/admin/history/timeline";
import { can } from "@/lib/auth/config";
import { requireRole } from "@/lib/auth/request";
import { isValidSlug } from "@/lib/content";
import { revertAction } from "./actions";

export const metadata: Metadata = { title: "History" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const DONE: Record<string, { kind: "status" | "alert"; text: string }> = {
  restored: { kind: "status", text: "Restored: the post is that version again." },
  conflict: { kind: "alert", text: "Nothing was restored: the file changed on disk since you opened this page. Here is its history as it is now." },
  refused: { kind: "alert", text: "Nothing was restored: your role may not change this post." },
  "signed-out": { kind: "alert", text: "Nothing was restored: your session has ended. Sign in again." },
  gone: { kind: "alert", text: "Nothing was restored: that version is no longer kept, or the post is gone." },
  invalid: { kind: "alert", text: "Nothing was restored: that version is not a valid post any more." },
  failed: { kind: "alert", text: "Nothing was restored: the file could not be written. The server log says why." },
};

/** A post's history (who, when, what, the body's diff) with a Restore button for every earlier version. */
export default async function HistoryPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const session = await requireRole("write", `/admin/posts/${isValidSlug(slug) ? slug : ""}/history`);
  const history = isValidSlug(slug) ? await getPostHistory(slug) : null;
  if (!history) notFound();
  const mayEdit = can(session.role, "publish") || (history.draft && !history.trashed);
  if (!mayEdit) forbidden();
  const { done, undo } = await searchParams;
  const notice = typeof done === "string" ? DONE[done] : undefined;
  const canUndo = done === "restored" && typeof undo === "string" && /^[0-9a-f]{64}$/.test(undo) && history.currentHash !== null;
  return (
    <main id="main" className="wrap main admin">
      <header className="admin-header">
        <h1>History of “{history.title}”</h1>
        <p>
          {history.trashed ? <a href="/admin#trash-heading">The post is in the trash: restore it from the dashboard first.</a> : <a href={`/admin/posts/${slug}`}>Back to the editor</a>} ·{" "}
          <a href="/admin">Dashboard</a>
        </p>
      </header>
      {notice && (
        <div role={notice.kind} className={notice.kind === "alert" ? "form-error" : "form-notice"}>
          <p>{notice.text}</p>
          {canUndo && (
            <form action={revertAction}>
              <input type="hidden" name="slug" value={slug} />
              <input type="hidden" name="version" value={undo} />
              <input type="hidden" name="baseHash" value={history.currentHash ?? ""} />
              <button type="submit" className="button">
                Undo restore
              </button>
            </form>
          )}
        </div>
      )}
      <HistoryList history={history} restore={history.trashed ? undefined : revertAction} />
    </main>
  );
}
