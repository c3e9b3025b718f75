"use client";

import { useTranslations } from "next-intl";
import { controlClasses } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { useKeywordInput } from "@/components/ui/use-keyword-input";
import { hasSearchableCharacter } from "@/lib/tickets/search/keyword";

/**
 * The keyword box: typing updates the list ~300 ms after the last keystroke (not while an IME is still
 * composing Chinese), and the box follows the URL when the back button changes the keyword. A keyword
 * with nothing searchable in it (punctuation only) is explained here and not sent.
 */
export function KeywordSearch({ value, onCommit }: { value: string | undefined; onCommit: (q: string) => void }) {
  const t = useTranslations("tickets.filters");
  const { unsearchable, inputProps } = useKeywordInput({
    value,
    onCommit,
    delayMs: 300,
    searchable: hasSearchableCharacter,
  });

  return (
    <div>
      <label htmlFor="ticket-keyword" className="mb-1 block text-sm font-medium text-slate-700">
        {t("keyword")}
      </label>
      <div className="relative">
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          fill="currentColor"
          className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-slate-400"
        >
          <path
            fillRule="evenodd"
            d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.45 4.39l3.08 3.08a.75.75 0 1 1-1.06 1.06l-3.08-3.08A7 7 0 0 1 2 9Z"
            clipRule="evenodd"
          />
        </svg>
        <input
          id="ticket-keyword"
          inputMode="search"
          maxLength={100}
          placeholder={t("keywordPlaceholder")}
          aria-describedby={unsearchable ? "ticket-keyword-error ticket-keyword-hint" : "ticket-keyword-hint"}
          aria-invalid={unsearchable || undefined}
          {...inputProps}
          className={cn(controlClasses, "pl-9")}
        />
      </div>
      {unsearchable && (
        <p id="ticket-keyword-error" className="mt-1 text-sm text-amber-700" role="status">
          {t("keywordUnsearchable")}
        </p>
      )}
      <p id="ticket-keyword-hint" className="sr-only">
        {t("keywordHint")}
      </p>
    </div>
  );
}
