"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { BookableDays, DayStatus } from "@/lib/tickets/availability";
import { addDays } from "@/lib/tickets/slots";
import { formatAppointmentDate } from "@/components/format/appointment-date";
import { ChoiceFieldset } from "./choice-fieldset";

interface DayPickerProps {
  query: UseQueryResult<BookableDays>;
  /** A district is chosen (its center decides the free days). */
  ready: boolean;
  /** Today and the last bookable day, YYYY-MM-DD in the service's time zone. */
  today: string;
  maxDate: string;
  windowDays: number;
  value: string;
  onChange: (date: string) => void;
  error?: string;
}

/** What a cell of the calendar is: a day of the window with its status, or a day outside the window. */
type CellState = DayStatus | "past" | "beyond" | "unknown";

/** Monday-first weekday of a YYYY-MM-DD (0 = Monday … 6 = Sunday). */
const weekdayOf = (date: string) => (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
const monthOf = (date: string) => date.slice(0, 7);

/**
 * The weeks of each month that touch the booking window, Monday first. Days of another month are left
 * empty (each date appears once); days of this month outside the window are shown but cannot be picked.
 */
function monthsOfWindow(today: string, maxDate: string) {
  const months: { month: string; days: (string | null)[] }[] = [];
  let cursor = addDays(today, -weekdayOf(today));
  const end = addDays(maxDate, 6 - weekdayOf(maxDate));
  while (cursor <= end) {
    const week = Array.from({ length: 7 }, (_, i) => addDays(cursor, i));
    // A week that spans two months is drawn in both, each showing only its own days.
    for (const month of [...new Set(week.filter((d) => d >= today && d <= maxDate).map(monthOf))]) {
      let block = months.find((m) => m.month === month);
      if (!block) months.push((block = { month, days: [] }));
      block.days.push(...week.map((d) => (monthOf(d) === month ? d : null)));
    }
    cursor = addDays(cursor, 7);
  }
  return months;
}

/**
 * The booking calendar: every day of the next 30 as a big radio card (arrow keys move between free
 * days, Space picks), each saying whether it still has a free slot. Full and closed days are disabled
 * and say so in the card and in their accessible name; days outside the window are greyed out.
 */
export function DayPicker({ query, ready, today, maxDate, windowDays, value, onChange, error }: DayPickerProps) {
  const t = useTranslations("booking");
  const tc = useTranslations("common");
  const format = useFormatter();
  const errorId = "day-error";
  const byDate = new Map(query.data?.days.map((d) => [d.date, d]));
  const noneFree = query.data !== undefined && query.data.days.every((d) => d.status !== "available");

  const stateOf = (date: string): CellState =>
    date < today ? "past" : date > maxDate ? "beyond" : (byDate.get(date)?.status ?? "unknown");

  let status: React.ReactNode;
  if (!ready) status = <p className="text-sm text-slate-500">{t("days.pickFirst")}</p>;
  else if (query.isPending) status = <p className="text-sm text-slate-500">{t("days.loading")}</p>;
  else if (query.isError)
    status = (
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">
        <span>{t("days.error")}</span>
        <Button type="button" variant="secondary" className="min-h-11" onClick={() => query.refetch()}>
          {tc("retry")}
        </Button>
      </div>
    );
  else if (noneFree) status = <p className="text-sm text-amber-800">{t("days.none", { days: windowDays })}</p>;
  else status = <p className="text-sm text-slate-500">{t("days.hint", { days: windowDays })}</p>;

  const shortLabel = (state: CellState) =>
    state === "available" || state === "full" || state === "closed" || state === "ended"
      ? t(`days.short.${state}`)
      : "";

  const weekdays = Array.from({ length: 7 }, (_, i) =>
    // 2024-01-01 was a Monday.
    format.dateTime(new Date(Date.UTC(2024, 0, 1 + i, 12)), { timeZone: "UTC", weekday: "narrow" }),
  );

  return (
    <ChoiceFieldset legend={t("fields.date")} status={status} error={error} errorId={errorId}>
      {ready && !query.isError && (
        <div className="space-y-4" aria-busy={query.isFetching || undefined}>
          {monthsOfWindow(today, maxDate).map(({ month, days }) => (
            <div key={month}>
              <p className="mb-1.5 text-sm font-semibold text-slate-900">
                {format.dateTime(new Date(`${month}-15T12:00:00Z`), {
                  timeZone: "UTC",
                  year: "numeric",
                  month: "long",
                })}
              </p>
              <div className="grid grid-cols-7 gap-0.5 text-center" role="presentation">
                {weekdays.map((w, i) => (
                  <span key={i} className="pb-1 text-xs font-medium text-slate-500" aria-hidden="true">
                    {w}
                  </span>
                ))}
                {days.map((date, i) =>
                  date === null ? (
                    <span key={`blank-${i}`} aria-hidden="true" />
                  ) : (
                    <DayCell
                      key={date}
                      date={date}
                      state={stateOf(date)}
                      checked={value === date}
                      invalid={Boolean(error)}
                      label={`${formatAppointmentDate(format, date)}${date === today ? ` (${t("days.today")})` : ""}, ${t(`days.reason.${stateOf(date)}`, { days: windowDays })}`}
                      short={shortLabel(stateOf(date))}
                      onChange={onChange}
                    />
                  ),
                )}
              </div>
            </div>
          ))}
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-hidden="true">
            <Legend className="bg-white ring-1 ring-emerald-500">{t("days.legend.available")}</Legend>
            <Legend className="bg-amber-50 ring-1 ring-amber-300">{t("days.legend.full")}</Legend>
            <Legend className="bg-slate-100 ring-1 ring-slate-200">{t("days.legend.closed")}</Legend>
            <Legend className="border border-dashed border-slate-300">
              {t("days.legend.beyond", { days: windowDays })}
            </Legend>
          </ul>
        </div>
      )}
    </ChoiceFieldset>
  );
}

function DayCell({
  date,
  state,
  checked,
  invalid,
  label,
  short,
  onChange,
}: {
  date: string;
  state: CellState;
  checked: boolean;
  invalid: boolean;
  label: string;
  short: string;
  onChange: (date: string) => void;
}) {
  const free = state === "available";
  const isChecked = checked && free;
  return (
    <label
      data-date={date}
      className={cn(
        "relative flex min-h-12 min-w-11 flex-col items-center justify-center rounded-lg py-1 leading-tight transition-colors",
        "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-brand-500",
        state === "past"
          ? "text-slate-300"
          : state === "beyond"
            ? "border border-dashed border-slate-200 text-slate-300"
            : state === "unknown"
              ? "animate-pulse bg-slate-100 text-slate-400"
              : state === "full"
                ? "cursor-not-allowed bg-amber-50 text-amber-800 ring-1 ring-inset ring-amber-200"
                : state === "closed" || state === "ended"
                  ? "cursor-not-allowed bg-slate-100 text-slate-500"
                  : isChecked
                    ? "cursor-pointer bg-brand-600 text-white"
                    : cn(
                        "cursor-pointer bg-white text-slate-900 ring-1 ring-inset hover:bg-brand-50",
                        invalid ? "ring-red-400" : "ring-emerald-500",
                      ),
      )}
    >
      <input
        type="radio"
        name="appointment_date"
        value={date}
        checked={isChecked}
        disabled={!free}
        aria-label={label}
        onChange={() => onChange(date)}
        className="sr-only"
      />
      <span
        className={cn(
          "text-base font-semibold tabular-nums",
          (state === "full" || state === "closed" || state === "ended") && "line-through decoration-1",
        )}
      >
        {Number(date.slice(8))}
      </span>
      {short && (
        <span
          className={cn("text-[0.6875rem]", isChecked ? "text-white" : free ? "text-emerald-700" : undefined)}
          aria-hidden="true"
        >
          {short}
        </span>
      )}
    </label>
  );
}

function Legend({ className, children }: { className: string; children: React.ReactNode }) {
  return (
    <li className="flex items-center gap-1.5">
      <span className={cn("inline-block size-3 rounded", className)} />
      {children}
    </li>
  );
}
