"use client";

import { useState, type ReactNode } from "react";
import { cn } from "./cn";
import { controlClasses } from "./field";
import { FilterField } from "./filter-field";

/** Dates are calendar days (YYYY-MM-DD), so comparing the strings compares the days. */
const inverted = (from: string | undefined, to: string | undefined) => Boolean(from && to && from > to);

export interface DateRange {
  from: string | undefined;
  to: string | undefined;
}

/**
 * A list filter's from/to pair of date inputs and the line that says when "from" is after "to". The
 * ticket, work-order and sync-log lists each had a copy; this keeps the wiring the same everywhere:
 * labels tied to the inputs by id, and while the range is inverted both inputs are aria-invalid and
 * described by the error line.
 *
 * An inverted range is held here, on screen only: `onChange` is not called, so the list neither
 * navigates nor asks the server for an answer it already knows is an error. The first edit that puts
 * the days back in order sends both of them.
 */
export function DateRangeFields({
  id,
  labels,
  from,
  to,
  onChange,
  errorClassName,
  bounded = true,
  announceError = false,
  children,
}: {
  /** Prefix of the ids: `${id}-from`, `${id}-to` and `${id}-error`. */
  id: string;
  /** The two inputs' labels and the inverted-range message. */
  labels: { from: string; to: string; error: string };
  from: string | undefined;
  to: string | undefined;
  /** A range in order (a cleared input is undefined); never called with from after to. */
  onChange: (range: DateRange) => void;
  /** Classes of the error line, e.g. its span of the filter grid. */
  errorClassName: string;
  /** Each date limits the other's picker (max on "from", min on "to"). */
  bounded?: boolean;
  /** The error line is an alert, read out as soon as it appears. */
  announceError?: boolean;
  /** Fields that share the pair's grid row; they come before the error line so it stays below the row. */
  children?: ReactNode;
}) {
  // The inverted draft, and the range it was typed over: a new range from outside (the back button, a
  // cleared filter) replaces the draft.
  const [draft, setDraft] = useState<{ shown: DateRange; over: DateRange } | null>(null);
  const current = draft && draft.over.from === from && draft.over.to === to ? draft.shown : { from, to };
  const error = inverted(current.from, current.to);

  function change(next: DateRange) {
    if (inverted(next.from, next.to)) return setDraft({ shown: next, over: { from, to } });
    setDraft(null);
    if (next.from !== from || next.to !== to) onChange(next);
  }

  const edges = [
    { edge: "from", label: labels.from, value: current.from, bounds: { max: current.to } },
    { edge: "to", label: labels.to, value: current.to, bounds: { min: current.from } },
  ] as const;
  return (
    <>
      {edges.map(({ edge, label, value, bounds }) => (
        <FilterField key={edge} id={`${id}-${edge}`} label={label}>
          <input
            id={`${id}-${edge}`}
            type="date"
            className={controlClasses}
            value={value ?? ""}
            {...(bounded ? bounds : {})}
            aria-invalid={error || undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => change({ ...current, [edge]: e.target.value || undefined })}
          />
        </FilterField>
      ))}
      {children}
      {error && (
        <p
          id={`${id}-error`}
          role={announceError ? "alert" : undefined}
          className={cn("text-sm text-red-600", errorClassName)}
        >
          {labels.error}
        </p>
      )}
    </>
  );
}
