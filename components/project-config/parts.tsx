"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import type { ActionResult } from "@/lib/http/action-result";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Alert } from "@/components/ui/field";
import { useErrorMessage } from "@/components/api/use-error-message";

/**
 * Pieces shared by the config center's project-sync and time-display forms: a settings section (title
 * and help on the left, controls on the right; one column on a phone), an on/off switch, checkbox
 * tiles, the save bar, and a clock that renders the same on the server and during hydration.
 */

/** A config-center tab's content: its title and what it is for (plus `note`), labelling the whole tab. */
export function SettingsTab({
  title,
  intro,
  note,
  children,
}: {
  title: React.ReactNode;
  intro: React.ReactNode;
  note?: React.ReactNode;
  children: React.ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4">
      <div>
        <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <p className="mt-0.5 max-w-3xl text-sm text-slate-500">{intro}</p>
        {note}
      </div>
      {children}
    </section>
  );
}

/** One block of a settings form. */
export function Section({
  title,
  description,
  children,
  titleId,
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  children: React.ReactNode;
  titleId?: string;
}) {
  return (
    <section
      aria-labelledby={titleId}
      className="grid gap-3 px-4 py-5 sm:grid-cols-[minmax(0,13rem)_minmax(0,1fr)] sm:gap-6 sm:px-5 lg:grid-cols-[minmax(0,16rem)_minmax(0,1fr)]"
    >
      <div>
        <h3 id={titleId} className="text-sm font-semibold text-slate-900">
          {title}
        </h3>
        {description && <p className="mt-1 text-sm text-slate-500">{description}</p>}
      </div>
      <div className="min-w-0 space-y-4">{children}</div>
    </section>
  );
}

/** An on/off setting: a checkbox announced as a switch, with its label and an optional description. */
export function Switch({
  checked,
  onChange,
  label,
  description,
  disabled,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: React.ReactNode;
  description?: React.ReactNode;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-3">
      <span className="relative mt-0.5 inline-flex shrink-0">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={description ? `${id}-description` : undefined}
          className="peer absolute inset-0 z-10 size-full cursor-pointer appearance-none rounded-full focus-visible:outline-offset-2 disabled:cursor-not-allowed"
        />
        <span
          aria-hidden="true"
          className={cn(
            "h-6 w-11 rounded-full transition-colors peer-disabled:opacity-50",
            checked ? "bg-brand-600" : "bg-slate-300",
          )}
        />
        <span
          aria-hidden="true"
          className={cn(
            "pointer-events-none absolute top-0.5 left-0.5 size-5 rounded-full bg-white shadow-sm ring-1 ring-slate-900/5 transition-transform",
            checked && "translate-x-5",
          )}
        />
      </span>
      <div className="min-w-0">
        <label htmlFor={id} className="block cursor-pointer text-sm font-medium text-slate-800">
          {label}
        </label>
        {description && (
          <p id={`${id}-description`} className="mt-0.5 text-sm text-slate-500">
            {description}
          </p>
        )}
      </div>
    </div>
  );
}

/** A checkbox in a tile big enough for a thumb. */
export function CheckTile({
  checked,
  onChange,
  disabled,
  invalid,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  /** Marks the box invalid (the group's error says why). */
  invalid?: boolean;
  children: React.ReactNode;
}) {
  return (
    <label
      className={cn(
        "flex min-h-11 cursor-pointer items-center gap-2.5 rounded-lg px-3 text-sm ring-1 ring-inset transition-colors",
        disabled
          ? "cursor-not-allowed bg-slate-50 text-slate-400 ring-slate-200"
          : invalid
            ? "bg-white text-slate-700 ring-red-400"
            : checked
              ? "bg-brand-50 text-brand-700 ring-brand-300"
              : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
      )}
    >
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        aria-invalid={invalid || undefined}
        className="size-4 accent-brand-600"
      />
      {children}
    </label>
  );
}

/** A small error line under a group of controls (fieldsets, which `Field` does not cover). */
export function FieldError({ id, children }: { id?: string; children?: React.ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="text-sm text-red-600">
      {children}
    </p>
  );
}

/** The form's foot: unsaved-changes note, the result of the last save, and the save button. */
export function SaveBar({
  pending,
  dirty,
  saved,
  formError,
  note,
}: {
  pending: boolean;
  dirty: boolean;
  /** The success message of the last save, shown until something changes. */
  saved: React.ReactNode | null;
  formError: React.ReactNode | null;
  note?: React.ReactNode;
}) {
  const t = useTranslations("projectConfig.common");
  return (
    <div className="space-y-3 border-t border-slate-100 px-4 py-4 sm:px-5">
      {formError && <Alert>{formError}</Alert>}
      {/* Always in the page, so the success message is announced when it appears. */}
      <div role="status" aria-live="polite">
        {saved && (
          <div className="rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200">
            {saved}
          </div>
        )}
      </div>
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-slate-500">
          {dirty ? <span className="font-medium text-amber-700">{t("unsaved")}</span> : note}
        </p>
        <Button type="submit" size="lg" busy={pending} className="w-full sm:w-auto sm:min-w-32">
          {pending ? t("saving") : t("save")}
        </Button>
      </div>
    </div>
  );
}

/** Field path → first message, from an ActionResult's `error.fields` (`sync_types.1` counts as `sync_types`). */
export function fieldErrorMap(fields: { path: string; message: string }[] | undefined): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const f of fields ?? []) byField[f.path.split(".")[0]!] ??= f.message;
  return byField;
}

const noSubscribe = () => () => {};

/** False on the server and while hydrating, true after: for content the server cannot render the same. */
export function useMounted(): boolean {
  return useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
}

/**
 * The current time in steps of `stepMs`, as a number. On the server and while hydrating it is
 * `serverNow` (the page's render time), so both render the same; after that it follows the clock.
 */
export function useClock(serverNow: number, stepMs = 15_000): number {
  return useSyncExternalStore(
    (notify) => {
      const timer = setInterval(notify, stepMs);
      return () => clearInterval(timer);
    },
    () => Math.floor(Date.now() / stepMs) * stepMs,
    () => serverNow,
  );
}

/** A button that looks like a chip (preset picks, token inserts). */
export function Chip({
  onClick,
  pressed,
  children,
  className,
  ...rest
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { pressed?: boolean }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-pressed={pressed}
      className={cn(
        "inline-flex min-h-9 items-center gap-1.5 rounded-full px-3 text-sm ring-1 ring-inset transition-colors",
        pressed
          ? "bg-brand-50 text-brand-700 ring-brand-300"
          : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
        className,
      )}
      {...rest}
    >
      {children}
    </button>
  );
}

/**
 * Returns a function that, once React has shown the errors it caused, moves focus to the form's first
 * invalid control (so keyboard and screen-reader users land on what to fix).
 */
export function useFocusFirstInvalid(formRef: React.RefObject<HTMLFormElement | null>): () => void {
  const [request, setRequest] = useState(0);
  useEffect(() => {
    if (request) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [request, formRef]);
  return () => setRequest((n) => n + 1);
}

/**
 * The save flow both settings forms share: refuse (and focus) what the browser already knows is wrong,
 * send through the server action, show the server's field errors next to their fields (focusing the
 * first), say when the server cannot be reached, and report the saved state.
 */
export function useSettingsSave() {
  const tc = useTranslations("projectConfig.common");
  const describeError = useErrorMessage();
  const formRef = useRef<HTMLFormElement>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [savedMessage, setSavedMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const focusFirstInvalid = useFocusFirstInvalid(formRef);

  async function submit<T>(
    e: React.FormEvent,
    opts: {
      hasLocalProblem: boolean;
      save: () => Promise<ActionResult<T>>;
      /** Takes the saved value in; returns the message to show. */
      onSaved: (data: T) => string;
    },
  ) {
    e.preventDefault();
    setFormError(null);
    setSavedMessage(null);
    if (opts.hasLocalProblem) {
      setFormError(tc("fixFirst"));
      focusFirstInvalid();
      return;
    }
    setPending(true);
    try {
      const result = await opts.save();
      if (result.ok) {
        setServerErrors({});
        setSavedMessage(opts.onSaved(result.data));
        return;
      }
      const byField = fieldErrorMap(result.error.fields);
      setServerErrors(byField);
      if (Object.keys(byField).length) focusFirstInvalid();
      else setFormError(describeError(result.error));
    } catch {
      setFormError(tc("offline"));
    } finally {
      setPending(false);
    }
  }

  return { formRef, submit, pending, serverErrors, setServerErrors, formError, setFormError, savedMessage };
}
