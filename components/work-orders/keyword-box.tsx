"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/field";
import { useKeywordInput } from "@/components/ui/use-keyword-input";

const DEBOUNCE_MS = 350;

/**
 * Searches the key and the title. The list follows the typing a moment after the last key (never in
 * the middle of composing Chinese with an IME); Enter searches at once. The box follows the URL when
 * the back button changes the keyword.
 */
export function KeywordBox({ value, onCommit }: { value: string | undefined; onCommit: (q: string) => void }) {
  const t = useTranslations("workOrders.filters");
  const { inputProps } = useKeywordInput({ value, onCommit, delayMs: DEBOUNCE_MS });

  return (
    <div role="search">
      <label htmlFor="wo-keyword" className="mb-1 block text-sm font-medium text-slate-700">
        {t("keyword")}
      </label>
      <input
        id="wo-keyword"
        maxLength={200}
        placeholder={t("keywordPlaceholder")}
        aria-describedby="wo-keyword-hint"
        {...inputProps}
        className={cn(controlClasses)}
      />
      <p id="wo-keyword-hint" className="sr-only">
        {t("keywordHint")}
      </p>
    </div>
  );
}
