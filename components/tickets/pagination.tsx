"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

/** Page numbers around the current page, with the first and last always reachable. */
export function pageWindow(page: number, count: number): (number | "gap")[] {
  const pages = new Set([1, count, page - 1, page, page + 1]);
  if (page <= 3) [2, 3, 4].forEach((p) => pages.add(p));
  if (page >= count - 2) [count - 3, count - 2, count - 1].forEach((p) => pages.add(p));
  const sorted = [...pages].filter((p) => p >= 1 && p <= count).sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  for (const p of sorted) {
    const prev = out[out.length - 1];
    if (typeof prev === "number" && p - prev > 1) out.push("gap");
    out.push(p);
  }
  return out;
}

export function Pagination({
  page,
  pageCount,
  total,
  totalIsCapped = false,
  pageSize,
  onPage,
}: {
  page: number;
  pageCount: number;
  total: number;
  /** A common search keyword is counted only up to `total`: say "200+" and suggest narrowing it. */
  totalIsCapped?: boolean;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const t = useTranslations("tickets.pagination");
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const item = "inline-flex h-9 min-w-9 items-center justify-center rounded-lg px-2 text-sm font-medium";
  return (
    <nav aria-label={t("label")} className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-600">{t(totalIsCapped ? "showingCapped" : "showing", { from, to, total })}</p>
      {pageCount > 1 && (
        <ul className="flex flex-wrap items-center gap-1">
          <li>
            <button
              type="button"
              className={cn(
                item,
                "text-slate-700 hover:bg-slate-100 disabled:text-slate-300 disabled:hover:bg-transparent",
              )}
              disabled={page <= 1}
              onClick={() => onPage(page - 1)}
            >
              <span aria-hidden="true">‹</span>
              <span className="ml-1 hidden sm:inline">{t("previous")}</span>
              <span className="sr-only sm:hidden">{t("previous")}</span>
            </button>
          </li>
          {pageWindow(page, pageCount).map((p, i) =>
            p === "gap" ? (
              <li key={`gap-${i}`} aria-hidden="true" className="px-1 text-slate-400">
                …
              </li>
            ) : (
              <li key={p}>
                <button
                  type="button"
                  className={cn(
                    item,
                    p === page
                      ? "bg-brand-600 text-white"
                      : "text-slate-700 ring-1 ring-inset ring-slate-200 hover:bg-slate-100",
                  )}
                  aria-current={p === page ? "page" : undefined}
                  aria-label={t("page", { page: p })}
                  onClick={() => p !== page && onPage(p)}
                >
                  {p}
                </button>
              </li>
            ),
          )}
          <li>
            <button
              type="button"
              className={cn(
                item,
                "text-slate-700 hover:bg-slate-100 disabled:text-slate-300 disabled:hover:bg-transparent",
              )}
              disabled={page >= pageCount}
              onClick={() => onPage(page + 1)}
            >
              <span className="mr-1 hidden sm:inline">{t("next")}</span>
              <span className="sr-only sm:hidden">{t("next")}</span>
              <span aria-hidden="true">›</span>
            </button>
          </li>
        </ul>
      )}
    </nav>
  );
}
