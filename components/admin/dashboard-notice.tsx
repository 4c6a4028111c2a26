type Props = { params: Record<string, string | string[] | undefined> };

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
  if (deleted) return <p role="status" className="form-notice">Moved {deleted} to the trash. It can be restored below.</p>;
  if (restored) return <p role="status" className="form-notice">Restored {restored}.</p>;
  if (trash && TRASH[trash]) return <p role="alert" className="form-error">{TRASH[trash]}</p>;
  return null;
}
