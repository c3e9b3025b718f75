import type { ReactNode } from "react";
import { cn } from "./cn";
import { controlClasses } from "./field";
import { FilterField } from "./filter-field";

export interface FilterOption {
  value: string | number;
  label: string;
}

/**
 * One labelled <select> of a list page's filter bar, with an optional first "all" choice (value "")
 * that clears the filter. The ticket, work-order and sync-log lists each had their own copy of it.
 */
export function FilterSelect({
  id,
  label,
  value,
  onChange,
  options,
  allLabel,
  className,
  selectClassName,
  describedBy,
  children,
}: {
  id: string;
  label: string;
  value: string | number | undefined;
  /** The chosen option's value; "" for the "all" choice. */
  onChange: (value: string) => void;
  options: readonly FilterOption[];
  /** Label of the "all" choice; without it there is none (e.g. a sort order). */
  allLabel?: string;
  /** Classes of the wrapper, e.g. its place in the filter grid. */
  className?: string;
  /** Extra classes of the <select> itself. */
  selectClassName?: string;
  /** The id of a note about this filter, e.g. that its choices failed to load. */
  describedBy?: string;
  /** Options after the list: option groups, or a shared link's choice that none of the options has. */
  children?: ReactNode;
}) {
  return (
    <FilterField id={id} label={label} className={className}>
      <select
        id={id}
        className={cn(controlClasses, "pr-8", selectClassName)}
        value={value ?? ""}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      >
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
    </FilterField>
  );
}
