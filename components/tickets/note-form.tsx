"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/components/api/use-error-message";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/http/action-result";
import type { TicketNoteDto } from "@/lib/tickets/dto";

const MAX_NOTE = 2000;

/**
 * Adds an internal note to the ticket (staff only). The note joins the timeline; the customer's
 * tracking page never shows it, which the hint says so nobody writes for the customer here.
 */
export function NoteForm({
  addNote,
  onAdded,
}: {
  addNote: (body: string) => Promise<ActionResult<TicketNoteDto>>;
  onAdded: () => void;
}) {
  const t = useTranslations("tickets.notes");
  const describeError = useErrorMessage();
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const trimmed = body.trim();

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setSaved(false);
    if (!trimmed) return setError(t("empty"));
    setBusy(true);
    setError(null);
    // A call that never reached the server throws; it is reported like any other failure.
    const result = await addNote(trimmed).catch(() => null);
    setBusy(false);
    if (!result?.ok) return setError(describeError(result?.error));
    setBody("");
    setSaved(true);
    onAdded();
  }

  return (
    <form className="space-y-2" noValidate onSubmit={submit}>
      <Field label={t("label")} hint={t("hint")} error={error ?? undefined}>
        {(props) => (
          <textarea
            {...props}
            rows={3}
            maxLength={MAX_NOTE}
            value={body}
            onChange={(e) => {
              setBody(e.target.value);
              setSaved(false);
              if (error) setError(null);
            }}
            className={`${props.className} resize-y`}
          />
        )}
      </Field>
      <div className="flex items-center justify-end gap-3">
        <p role="status" aria-live="polite" className="text-sm text-emerald-700">
          {saved ? t("added") : ""}
        </p>
        <Button type="submit" variant="secondary" disabled={busy}>
          {busy ? t("adding") : t("add")}
        </Button>
      </div>
    </form>
  );
}
