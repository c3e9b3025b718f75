"use client";

import { useEffect, useState, type ChangeEvent, type KeyboardEvent } from "react";

/**
 * The behaviour of a list's keyword box, which the ticket and work-order lists each had a copy of (each
 * keeps its own label, hint and icon): the list follows the typing `delayMs` after the last key (never
 * in the middle of composing Chinese with an IME), Enter searches at once, and the box follows the URL
 * when the keyword changes on its own (back button, "clear filters"). Text that `searchable` rejects is
 * not sent, and `unsearchable` says so.
 */
export function useKeywordInput({
  value,
  onCommit,
  delayMs,
  searchable,
}: {
  /** The keyword in the URL. */
  value: string | undefined;
  onCommit: (q: string) => void;
  delayMs: number;
  searchable?: (text: string) => boolean;
}) {
  const [text, setText] = useState(value ?? "");
  const [synced, setSynced] = useState(value);
  const [composing, setComposing] = useState(false);

  // The URL moved on its own: show what it says.
  if (value !== synced) {
    setSynced(value);
    if ((value ?? "") !== text.trim()) setText(value ?? "");
  }

  const wanted = text.trim();
  const unsearchable = wanted !== "" && searchable !== undefined && !searchable(text);

  // Keyed on `text` too: every key, even a space at either end, restarts the wait.
  useEffect(() => {
    if (composing || unsearchable || wanted === (value ?? "")) return;
    const timer = setTimeout(() => onCommit(wanted), delayMs);
    return () => clearTimeout(timer);
  }, [text, wanted, value, composing, unsearchable, onCommit, delayMs]);

  return {
    unsearchable,
    /** Spread on the <input>; it makes it a search box. */
    inputProps: {
      type: "search",
      enterKeyHint: "search",
      autoComplete: "off",
      value: text,
      onChange: (e: ChangeEvent<HTMLInputElement>) => setText(e.target.value),
      onCompositionStart: () => setComposing(true),
      onCompositionEnd: () => setComposing(false),
      onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => {
        if (e.key === "Enter" && !composing && !unsearchable) onCommit(wanted);
      },
    },
  } as const;
}
