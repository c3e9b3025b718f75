import type { ReactNode } from "react";
import { cn } from "./cn";
import { controlClasses } from "./field";
import { FilterField } from "./filter-field";

/** Dates are calendar days (YYYY-MM-DD), so comparing the strings compares the days. */
const inverted = (from: string | undefined, to: string | undefined) => Boolean(from && to && from > to);

/**
 * A list filter's from/to pair of date inputs and the line that says when "from" is after "to". The
 * ticket, work-order and sync-log lists each had a copy; this keeps the wiring the same everywhere:
 * labels tied to the inputs by id, and while the range is inverted both inputs are aria-invalid and
 * described by the error line.
 */
export function DateRangeFields({
  id,
  labels,
  from,
  to,
  onFromChange,
  onToChange,
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
  /** The new day, or undefined when the input was cleared. */
  onFromChange: (value: string | undefined) => void;
  onToChange: (value: string | undefined) => void;
  /** Classes of the error line, e.g. its span of the filter grid. */
  errorClassName: string;
  /** Each date limits the other's picker (max on "from", min on "to"). */
  bounded?: boolean;
  /** The error line is an alert, read out as soon as it appears. */
  announceError?: boolean;
  /** Fields that share the pair's grid row; they come before the error line so it stays below the row. */
  children?: ReactNode;
}) {
  const error = inverted(from, to);
  const edges = [
    { edge: "from", label: labels.from, value: from, onChange: onFromChange, bounds: { max: to } },
    { edge: "to", label: labels.to, value: to, onChange: onToChange, bounds: { min: from } },
  ] as const;
  return (
    <>
      {edges.map(({ edge, label, value, onChange, bounds }) => (
        <FilterField key={edge} id={`${id}-${edge}`} label={label}>
          <input
            id={`${id}-${edge}`}
            type="date"
            className={controlClasses}
            value={value ?? ""}
            {...(bounded ? bounds : {})}
            aria-invalid={error || undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => onChange(e.target.value || undefined)}
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
