"use client";

import { useFormatter, useTranslations } from "next-intl";
import { pageWindow } from "@/components/tickets/pagination";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/field";
import { PAGE_SIZES } from "./constants";

/** "21–40 of 135", page numbers around the current one, and how many to show per page. */
export function PaginationBar({
  page,
  pageSize,
  count,
  onPage,
  onPageSize,
}: {
  page: number;
  pageSize: number;
  count: number;
  onPage: (page: number) => void;
  onPageSize: (size: number) => void;
}) {
  const t = useTranslations("workOrders.pagination");
  const format = useFormatter();
  const pageCount = Math.max(1, Math.ceil(count / pageSize));
  const from = count === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(count, page * pageSize);
  const sizes: number[] = PAGE_SIZES.includes(pageSize as (typeof PAGE_SIZES)[number])
    ? [...PAGE_SIZES]
    : [...PAGE_SIZES, pageSize].sort((a, b) => a - b);
  const cell =
    "inline-flex h-11 min-w-11 items-center justify-center rounded-lg px-2 text-sm font-medium sm:h-9 sm:min-w-9";
  const step = cn(cell, "text-slate-700 hover:bg-slate-100 disabled:text-slate-300 disabled:hover:bg-transparent");

  return (
    <nav aria-label={t("label")} className="flex flex-wrap items-center justify-between gap-3">
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <p>{t("showing", { from: format.number(from), to: format.number(to), total: count })}</p>
        <label className="flex items-center gap-2">
          {t("pageSize")}
          <select
            className={cn(controlClasses, "w-auto pr-8 sm:py-1.5")}
            value={pageSize}
            onChange={(e) => onPageSize(Number(e.target.value))}
          >
            {sizes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      {pageCount > 1 && (
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <button type="button" className={step} disabled={page <= 1} onClick={() => onPage(page - 1)}>
              <span aria-hidden="true">‹</span>
              <span className="sr-only">{t("previous")}</span>
            </button>
          </li>
          {pageWindow(page, pageCount).map((p, i) => (
            <li key={p === "gap" ? `gap-${i}` : p} aria-hidden={p === "gap" || undefined}>
              {p === "gap" ? (
                <span className="px-1 text-slate-400">…</span>
              ) : (
                <button
                  type="button"
                  aria-current={p === page ? "page" : undefined}
                  aria-label={t("page", { page: p })}
                  onClick={() => p !== page && onPage(p)}
                  className={cn(
                    cell,
                    p === page
                      ? "bg-brand-600 text-white"
                      : "text-slate-700 ring-1 ring-inset ring-slate-200 hover:bg-slate-100",
                  )}
                >
                  {p}
                </button>
              )}
            </li>
          ))}
          <li>
            <button type="button" className={step} disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
              <span className="sr-only">{t("next")}</span>
              <span aria-hidden="true">›</span>
            </button>
          </li>
        </ol>
      )}
    </nav>
  );
}
