type Props = { params: Record<string, string | string[] | undefined> };

const ORDER: Record<string, { alert: boolean; text: string }> = {
  saved: { alert: false, text: "Featured order saved." },
  conflict: { alert: true, text: "Not reordered: a featured post changed on disk meanwhile. Try again." },
  failed: { alert: true, text: "Not reordered: a post could not be written. The server log says why." },
  refused: { alert: true, text: "Not reordered: your role may not order the Featured region." },
  bad: { alert: true, text: "Not reordered: that request made no sense." },
};

const TRASH: Record<string, string> = {
  conflict: "Not restored: its place or its slug is taken now. It stays in the trash.",
  failed: "Not restored: the file could not be written back. The server log says why.",
  refused: "Not restored: your role may not restore posts.",
};

/** The outcome of a delete or restore, carried back to the dashboard in its URL (it works without JavaScript). */
export function DashboardNotice({ params }: Props) {
  const one = (key: string) => (typeof params[key] === "string" ? (params[key] as string).slice(0, 200) : undefined);
  const deleted = one("deleted");
  const restored = one("restored");
  const trash = one("trash");
  const order = one("order");
  if (order && ORDER[order]) return <p role={ORDER[order].alert ? "alert" : "status"} className={ORDER[order].alert ? "form-error" : "form-notice"}>{ORDER[order].text}</p>;
  if (deleted) return <p role="status" className="form-notice">Moved {deleted} to the trash. It can be restored below.</p>;
  if (restored) return <p role="status" className="form-notice">Restored {restored}.</p>;
  if (trash && TRASH[trash]) return <p role="alert" className="form-error">{TRASH[trash]}</p>;
  return null;
}
