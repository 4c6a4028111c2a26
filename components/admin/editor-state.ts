import type { EditorValues, FieldErrors } from "@/lib/admin/editor-fields";

/** The lifecycle buttons: Save keeps the status, Publish (or Schedule) makes a draft public, Unpublish makes it a draft. */
export type Intent = "save" | "publish" | "unpublish";

/** Where the post stands; `new` until its file exists. */
export type EditorStatus = "new" | "draft" | "published" | "scheduled" | "expired";

/** A field whose stored value differs from the form's, shown when a save is refused because the file changed. */
export type ConflictField = { label: string; disk: string };

/**
 * What the editor shows, and what its save action answers: the values (exactly as typed when a save is refused),
 * the hash of the file the form was opened from, errors per field, and a notice or a conflict.
 */
export type EditorState = {
  /**
   * The values to show; null means "as the page was rendered with". The form's first state is kept without them,
   * because React writes that state into the form (for posting without JavaScript), and a body twice over would
   * double every request.
   */
  values: EditorValues | null;
  /** SHA-256 of the file's bytes when the form was opened or last saved; null for a post not yet written. */
  baseHash: string | null;
  /** The post's slug as stored (its editor's URL); null for a new post. */
  slug: string | null;
  status: EditorStatus;
  /** Why the site keeps this post out whatever it says itself (a draft section above it, say): no Publish then. */
  hiddenBy?: string;
  errors: FieldErrors;
  notice?: { kind: "saved" | "error"; text: string };
  /** Set when the file changed since it was opened: nothing was written; saving again needs "Overwrite". */
  conflict?: { status: 409; hash: string; intent: Intent; fields: ConflictField[] };
  /** Increases with every successful save, so the browser knows to drop its local backup. */
  savedCount: number;
};

/** The server action behind the editor's form (bound to nothing: the form carries the slug and hash). */
export type EditorAction = (state: EditorState, form: FormData) => Promise<EditorState>;

/**
 * The form's own fields, without the hidden `$ACTION_…` inputs React adds for posting without JavaScript (they
 * repeat the form's first state, which a script-driven request does not need).
 */
export function withoutReactFields(data: FormData): FormData {
  for (const name of [...data.keys()]) if (name.startsWith("$ACTION")) data.delete(name);
  return data;
}
