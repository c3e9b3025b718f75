"use client";

import { useTranslations } from "next-intl";
import { pageWindow } from "@/components/tickets/pagination";
import { Button } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";

/**
 * Previous / a page picker / next. The picker offers the pages around this one plus the first and the
 * last, so a long history stays a short list; every target is at least 44 px tall on a phone.
 */
export function RunPagination({
  page,
  count,
  pageSize,
  onPage,
}: {
  page: number;
  count: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const t = useTranslations("syncLogs.pagination");
  const pageCount = Math.max(1, Math.ceil(count / pageSize));
  const first = count === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(count, page * pageSize);
  const pages = pageWindow(Math.min(page, pageCount), pageCount).filter((p): p is number => p !== "gap");
  if (!pages.includes(page)) pages.push(page);
  return (
    <nav aria-label={t("label")} className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-600">{t("showing", { from: first, to: last, total: count })}</p>
      {pageCount > 1 && (
        <div className="flex items-center gap-2">
          <Button
            variant="secondary"
            className="h-11 shrink-0 whitespace-nowrap sm:h-9"
            disabled={page <= 1}
            onClick={() => onPage(page - 1)}
          >
            <span aria-hidden="true">‹</span>
            {t("previous")}
          </Button>
          <label htmlFor="sync-runs-page" className="sr-only">
            {t("page")}
          </label>
          <select
            id="sync-runs-page"
            className={cn(controlClasses, "min-h-11 w-auto min-w-0 pr-8 sm:min-h-0 sm:py-1.5")}
            value={page}
            onChange={(e) => onPage(Number(e.target.value))}
          >
            {pages.map((p) => (
              <option key={p} value={p}>
                {t("pageOf", { page: p, count: pageCount })}
              </option>
            ))}
          </select>
          <Button
            variant="secondary"
            className="h-11 shrink-0 whitespace-nowrap sm:h-9"
            disabled={page >= pageCount}
            onClick={() => onPage(page + 1)}
          >
            {t("next")}
            <span aria-hidden="true">›</span>
          </Button>
        </div>
      )}
    </nav>
  );
}
