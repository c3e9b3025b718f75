"use client";

import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";

/**
 * The phone's button that folds a list's filters in and out (the ticket, work-order and sync-log lists
 * each had a copy). The badge counts the folded filters that are set, so a closed panel still shows
 * that something narrows the list.
 */
export function FilterToggle({
  label,
  open,
  onToggle,
  controls,
  count,
  className,
}: {
  label: string;
  open: boolean;
  onToggle: () => void;
  /** The id of the FilterFold it opens. */
  controls: string;
  /** How many of the folded filters are set; no badge at 0. */
  count: number;
  /** Its size (keep at least 44 px on a phone) and the breakpoint that hides it. */
  className: string;
}) {
  return (
    <Button
      type="button"
      variant="secondary"
      className={className}
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
    >
      {label}
      {count > 0 && <span className="rounded-full bg-brand-600 px-1.5 text-xs text-white">{count}</span>}
    </Button>
  );
}

/**
 * The filters a FilterToggle folds: a grid while open, hidden while closed. Its classes show it for
 * good from the breakpoint where the toggle hides (e.g. "sm:grid").
 */
export function FilterFold({
  id,
  open,
  className,
  children,
}: {
  /** What the toggle's `controls` names. */
  id: string;
  open: boolean;
  className: string;
  children: ReactNode;
}) {
  return (
    <div id={id} className={cn(className, open ? "grid" : "hidden")}>
      {children}
    </div>
  );
}

/**
 * The open state a FilterToggle and its FilterFold share, so the toggle's aria-controls always names the
 * fold's id. Spread `toggleProps` on the toggle and `foldProps` on the fold.
 */
export function useFilterFold(id: string) {
  const [open, setOpen] = useState(false);
  return {
    open,
    toggleProps: { open, onToggle: () => setOpen((o) => !o), controls: id },
    foldProps: { id, open },
  };
}
