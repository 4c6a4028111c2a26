"use client";

import { useActionState, useEffect, useRef, useState, useTransition, type FormEvent, type ReactNode } from "react";
import { MAX_BODY_BYTES, slugFromTitle, type EditorValues } from "@/lib/admin/editor-fields";
import { BodyEditor } from "./body-editor";
import { ConflictNotice } from "./conflict-notice";
import { withoutReactFields, type EditorAction, type EditorState } from "./editor-state";
import { FlagField, ListField, TextField } from "./editor-field";
import { LocalBackup } from "./local-backup";
import { PreviewPane, type PreviewAction } from "./preview-pane";

type Props = {
  initial: EditorState & { values: EditorValues };
  action: EditorAction;
  preview: PreviewAction;
  initialPreview: ReactNode;
  /** What this user may do; the server checks each again. */
  rights: { publish: boolean; feature: boolean };
  suggestions: { topics: string[]; tags: string[] };
  /** Moves the post to the trash (editors and admins, existing posts only). */
  deleteAction?: (form: FormData) => Promise<void>;
  /** Another editor's backup to drop: after a new post is created, the "new" editor's. */
  clearBackupOf?: string;
};

/** Whether an ISO date-time is after now (the Publish button then reads "Schedule"); false when it cannot be read. */
function isFuture(date: string): boolean {
  const trimmed = date.trim().replace(" ", "T");
  const normalized = /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/.test(trimmed) ? trimmed : `${trimmed}Z`;
  const at = Date.parse(normalized);
  return Number.isFinite(at) && at > Date.now();
}

/**
 * The writing desk's editor: a form of the one schema's fields and the body, a live server-rendered preview beside
 * it, a local backup of unsaved work, and the lifecycle buttons the user's role allows. Without JavaScript it is a
 * plain form that posts to the same server action; with it, the fields keep exactly what was typed across saves.
 */
export function PostEditor({ initial, action, preview, initialPreview, rights, suggestions, deleteAction, clearBackupOf }: Props) {
  // Without JavaScript the form posts to the action and the page renders its answer (serverState); with it, the
  // action is called directly, so a failed request (no network, a body over the limit) is a message, not a crash.
  const [serverState, formAction] = useActionState(action, { ...initial, values: null });
  const [clientState, setClientState] = useState<EditorState | null>(null);
  const state = clientState ?? serverState;
  const [pending, startTransition] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  const slugEdited = useRef(initial.slug !== null);
  const [schedule, setSchedule] = useState(() => isFuture(initial.values.date));
  const [changed, setChanged] = useState(0);
  const values = state.values ?? initial.values;
  const errors = state.errors;

  // After a save that changed the slug, the editor's URL follows the post.
  useEffect(() => {
    if (state.slug && !window.location.pathname.endsWith(`/${state.slug}`)) window.history.replaceState(null, "", `/admin/posts/${state.slug}`);
  }, [state.slug]);

  function submit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    if (submitter?.hasAttribute("formaction")) return; // Delete: React runs that action itself
    event.preventDefault();
    // Not a form action: React would reset the fields afterwards, and a refused save must keep every character.
    const data = withoutReactFields(new FormData(event.currentTarget, submitter));
    const body = data.get("body");
    const bytes = typeof body === "string" ? new Blob([body]).size : 0;
    if (bytes > MAX_BODY_BYTES) {
      const text = `Body is ${bytes.toLocaleString("en-US")} bytes; the limit is ${MAX_BODY_BYTES.toLocaleString("en-US")} (1 MiB). Nothing was sent; your text is still here.`;
      setClientState({ ...state, errors: { body: text }, notice: { kind: "error", text: "Not saved: the body is too long." } });
      return;
    }
    startTransition(async () => {
      try {
        // The state goes back without its values: the form already carries them.
        setClientState(await action({ ...state, values: null, conflict: undefined }, data));
      } catch {
        setClientState({ ...state, notice: { kind: "error", text: "Not saved: the server could not be reached. Your text is still here (and kept in this browser); try again." } });
      }
    });
  }

  function onInput(event: FormEvent<HTMLFormElement>) {
    const target = event.target as HTMLInputElement;
    const element = event.currentTarget;
    if (target.name === "slug") slugEdited.current = target.value.trim() !== "";
    if (target.name === "title" && !slugEdited.current) {
      const slug = element.elements.namedItem("slug");
      if (slug instanceof HTMLInputElement) slug.value = slugFromTitle(target.value);
    }
    if (target.name === "date") setSchedule(isFuture(target.value));
    setChanged((n) => n + 1);
  }

  const canPublish = rights.publish;
  const isDraft = state.status === "new" || state.status === "draft";
  return (
    <div className="editor">
      <form ref={form} action={formAction} onSubmit={submit} onInput={onInput} className="editor__form" aria-label="Post" noValidate>
        <input type="hidden" name="baseHash" value={state.baseHash ?? ""} />
        <input type="hidden" name="slugBefore" value={state.slug ?? ""} />
        <LocalBackup
          formRef={form}
          storageKey={`folio:editor:${initial.slug ?? "new"}`}
          clearKey={clearBackupOf && `folio:editor:${clearBackupOf}`}
          savedCount={state.savedCount}
          values={values}
          changed={changed}
        />
        {state.notice && !state.conflict && (
          <p role={state.notice.kind === "error" ? "alert" : "status"} className={state.notice.kind === "error" ? "form-error" : "form-notice"}>
            {state.notice.text}
          </p>
        )}
        {state.conflict && <ConflictNotice conflict={state.conflict} />}
        {state.hiddenBy && (
          <p className="form-notice" data-testid="not-built">
            Not on the site whatever this post says: {state.hiddenBy}. Publishing cannot change that; the file or section named here can.
          </p>
        )}
        <TextField name="title" label="Title" defaultValue={values.title} error={errors.title} required />
        <TextField name="description" label="Description" defaultValue={values.description} error={errors.description} multiline />
        <TextField
          name="date"
          label="Date"
          defaultValue={values.date}
          error={errors.date}
          hint="ISO 8601 with the offset, e.g. 2026-03-01T09:30:00+01:00"
        />
        <TextField name="slug" label="Slug" defaultValue={values.slug} error={errors.slug} hint="Lowercase letters, digits and hyphens; made from the title until you edit it" />
        <ListField name="topics" label="Topics" defaultValue={values.topics} error={errors.topics} suggestions={suggestions.topics} />
        <ListField name="tags" label="Tags" defaultValue={values.tags} error={errors.tags} suggestions={suggestions.tags} />
        <FlagField name="cta" label="Call to action" defaultChecked={values.cta} error={errors.cta} />
        {rights.feature && <FlagField name="featured" label="Featured" defaultChecked={values.featured} error={errors.featured} />}
        <BodyEditor defaultValue={values.body} error={errors.body} />
        <div className="button-row editor__buttons">
          <button type="submit" name="intent" value="save" className="button" aria-disabled={pending || undefined}>
            Save
          </button>
          {canPublish && isDraft && !state.hiddenBy && (
            <button type="submit" name="intent" value="publish" className="button" aria-disabled={pending || undefined}>
              {schedule ? "Schedule" : "Publish"}
            </button>
          )}
          {canPublish && !isDraft && (
            <button type="submit" name="intent" value="unpublish" className="button button--quiet" aria-disabled={pending || undefined}>
              Unpublish
            </button>
          )}
          {deleteAction && (
            <button type="submit" formAction={deleteAction} className="button button--danger">
              Delete
            </button>
          )}
          <span role="status" className="editor__pending">
            {pending ? "Saving…" : ""}
          </span>
        </div>
      </form>
      <PreviewPane formRef={form} action={preview} initial={initialPreview} changed={changed} />
    </div>
  );
}
