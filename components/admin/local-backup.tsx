"use client";

import { useEffect, useRef, useState, type RefObject } from "react";
import type { EditorValues } from "@/lib/admin/editor-fields";

type Backup = { values: EditorValues; at: number };

type Props = {
  formRef: RefObject<HTMLFormElement | null>;
  storageKey: string;
  /** A backup to drop when the editor opens (the "new" editor's, once its post exists). */
  clearKey?: string;
  /** Increases with each successful save: the backup is then dropped. */
  savedCount: number;
  /** The values the server rendered the form with. */
  values: EditorValues;
  /** Increases with each edit in the form. */
  changed: number;
};

const TEXT_FIELDS = ["title", "description", "date", "slug", "topics", "tags", "body"] as const;
const FLAGS = ["cta", "featured"] as const;
const BACKUP_PAUSE_MS = 400;

/** The editor's current values, read from the form's fields. */
export function readFormValues(form: HTMLFormElement, fallback: EditorValues): EditorValues {
  const values = { ...fallback };
  for (const name of TEXT_FIELDS) {
    const field = form.elements.namedItem(name);
    if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) values[name] = field.value;
  }
  for (const name of FLAGS) {
    const field = form.elements.namedItem(name);
    if (field instanceof HTMLInputElement) values[name] = field.checked;
  }
  return values;
}

function writeFormValues(form: HTMLFormElement, values: EditorValues): void {
  for (const name of TEXT_FIELDS) {
    const field = form.elements.namedItem(name);
    if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) continue;
    field.value = values[name];
    field.dispatchEvent(new Event("folio:set-value")); // CodeMirror follows its textarea
  }
  for (const name of FLAGS) {
    const field = form.elements.namedItem(name);
    if (field instanceof HTMLInputElement) field.checked = values[name];
  }
  form.dispatchEvent(new Event("input", { bubbles: true }));
}

function readBackup(key: string): Backup | null {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(key) ?? "null");
    if (!parsed || typeof parsed !== "object" || !("values" in parsed) || !("at" in parsed)) return null;
    const { values, at } = parsed as { values: unknown; at: unknown };
    if (typeof at !== "number" || !values || typeof values !== "object") return null;
    const v = values as Record<string, unknown>;
    if (!TEXT_FIELDS.every((k) => typeof v[k] === "string") || !FLAGS.every((k) => typeof v[k] === "boolean")) return null;
    return { values: v as EditorValues, at };
  } catch {
    return null; // storage off, or a backup of another shape
  }
}

const same = (a: EditorValues, b: EditorValues) => [...TEXT_FIELDS, ...FLAGS].every((k) => a[k] === b[k]);

/**
 * Keeps unsaved work in this browser's localStorage, so a reload or a crashed tab loses nothing: every pause in
 * typing writes a backup; opening the editor with a backup that differs from the file offers to restore it.
 */
export function LocalBackup({ formRef, storageKey, clearKey, savedCount, values, changed }: Props) {
  const [offer, setOffer] = useState<Backup | null>(null);
  const firstSave = useRef(savedCount);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (clearKey) window.localStorage.removeItem(clearKey);
    const backup = readBackup(storageKey);
    const form = formRef.current;
    if (backup && form && !same(backup.values, readFormValues(form, values))) setOffer(backup);
    // Only when the editor opens: later changes are this session's own.
  }, [storageKey]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (changed === 0) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const form = formRef.current;
      if (!form) return;
      try {
        window.localStorage.setItem(storageKey, JSON.stringify({ values: readFormValues(form, values), at: Date.now() }));
      } catch {
        // Storage full or disabled: the editor still works, only without a backup.
      }
    }, BACKUP_PAUSE_MS);
    return () => clearTimeout(timer.current);
  }, [changed, formRef, storageKey, values]);

  useEffect(() => {
    if (savedCount === firstSave.current) return;
    clearTimeout(timer.current);
    try {
      window.localStorage.removeItem(storageKey);
    } catch {
      // nothing to drop
    }
  }, [savedCount, storageKey]);

  if (!offer) return null;
  const when = new Date(offer.at).toLocaleString();
  return (
    <div role="region" aria-label="Unsaved changes" className="backup-offer">
      <p>This browser kept changes to this post that were never saved (last edited {when}).</p>
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => {
            if (formRef.current) writeFormValues(formRef.current, offer.values);
            setOffer(null);
          }}
        >
          Restore unsaved changes
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => {
            window.localStorage.removeItem(storageKey);
            setOffer(null);
          }}
        >
          Discard them
        </button>
      </div>
    </div>
  );
}
