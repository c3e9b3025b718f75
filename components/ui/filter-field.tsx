import type { ReactNode } from "react";

/**
 * A label above one list filter, tied to its control by id. The ticket, work-order and sync-log
 * filter bars all label their controls this way; the shared filter controls build on it.
 */
export function FilterField({
  id,
  label,
  className,
  children,
}: {
  /** The id of the control the label names. */
  id: string;
  label: string;
  /** Classes of the wrapper, e.g. its place in the filter grid. */
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
    </div>
  );
}
