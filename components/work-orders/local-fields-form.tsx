"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { updateWorkOrderLocalAction } from "@/app/admin/work-orders/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useActionErrorNotice, type Notice } from "./action-errors";
import type { WorkOrderDto } from "./constants";
import { NoticeBox } from "./notice-box";

const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 50;

/** "a, b，c、a" → ["a", "b", "c"]: ASCII and Chinese commas both separate; blanks and repeats drop out. */
export const parseTags = (text: string) => [
  ...new Set(
    text
      .split(/[,，、]/)
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

/**
 * Our own fields, which a sync never overwrites: a note, who handles it on our side, and tags. Only
 * what changed is sent. Mount it with a key of the saved values, so a save (or someone else's) resets it.
 */
export function LocalFieldsForm({
  workOrder,
  onSaved,
}: {
  workOrder: WorkOrderDto;
  onSaved: (fresh: WorkOrderDto) => void;
}) {
  const t = useTranslations("workOrders.local");
  const errorNotice = useActionErrorNotice();
  const [note, setNote] = useState(workOrder.note ?? "");
  const [assignee, setAssignee] = useState(workOrder.local_assignee ?? "");
  const [tagsText, setTagsText] = useState(workOrder.tags.join(", "));
  const [notice, setNotice] = useState<Notice | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();

  const tags = parseTags(tagsText);
  const tagsError =
    tags.length > MAX_TAGS
      ? t("tooManyTags", { max: MAX_TAGS })
      : tags.some((tag) => tag.length > MAX_TAG_LENGTH)
        ? t("tagTooLong", { max: MAX_TAG_LENGTH })
        : undefined;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (tagsError) return;
    const input: { note?: string | null; local_assignee?: string | null; tags?: string[] } = {};
    const nextNote = note.trim() ? note : null;
    if (nextNote !== (workOrder.note || null)) input.note = nextNote;
    const nextAssignee = assignee.trim() || null;
    if (nextAssignee !== (workOrder.local_assignee || null)) input.local_assignee = nextAssignee;
    if (tags.join("\n") !== workOrder.tags.join("\n")) input.tags = tags;
    if (Object.keys(input).length === 0) {
      setNotice({ tone: "warning", title: t("nothingChanged") });
      return;
    }
    setNotice(null);
    setFieldErrors({});
    startTransition(async () => {
      try {
        const res = await updateWorkOrderLocalAction(workOrder.id, input);
        if (res.ok) {
          onSaved(res.data);
          // The form is remounted with the saved values; the message lives in the dialog above it.
          return;
        }
        setFieldErrors(
          Object.fromEntries((res.error.fields ?? []).map((f) => [f.path.split(".")[0] ?? f.path, f.message])),
        );
        setNotice(errorNotice(res.error));
      } catch {
        setNotice(errorNotice(null));
      }
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-busy={pending || undefined}>
      <NoticeBox notice={notice} />
      <Field label={t("note")} hint={t("noteHint")} error={fieldErrors.note}>
        {(p) => <textarea {...p} rows={3} maxLength={5000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("localAssignee")} hint={t("localAssigneeHint")} error={fieldErrors.local_assignee}>
          {(p) => (
            <input
              {...p}
              maxLength={200}
              autoComplete="off"
              value={assignee}
              onChange={(e) => setAssignee(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t("tags")}
          hint={t("tagsHint", { max: MAX_TAGS, length: MAX_TAG_LENGTH })}
          error={tagsError ?? fieldErrors.tags}
        >
          {(p) => (
            <input
              {...p}
              autoComplete="off"
              placeholder={t("tagsPlaceholder")}
              value={tagsText}
              onChange={(e) => setTagsText(e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="flex justify-end">
        <Button type="submit" busy={pending} disabled={Boolean(tagsError)} className="min-h-11 sm:min-h-0">
          {pending ? t("saving") : t("save")}
        </Button>
      </div>
    </form>
  );
}
