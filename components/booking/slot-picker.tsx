"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ApiError } from "@/components/api/fetch-json";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { timeSlots, type TimeSlot } from "@/lib/tickets/enums";
import { formatSlot } from "@/components/format/slot";
import { ChoiceFieldset } from "./choice-fieldset";
import type { SlotsAnswer } from "./queries";

interface SlotPickerProps {
  query: UseQueryResult<SlotsAnswer>;
  /** All of city, district and date are chosen. */
  ready: boolean;
  windowDays: number;
  value: string;
  onChange: (slot: TimeSlot) => void;
  error?: string;
}

/**
 * The four slots of a day as big radio cards (a native radio group: arrow keys move, Space picks).
 * A slot that is full or has already begun today is shown but cannot be picked.
 */
export function SlotPicker({ query, ready, windowDays, value, onChange, error }: SlotPickerProps) {
  const t = useTranslations("booking");
  const tc = useTranslations("common");
  const errorId = "slot-error";
  const slots = query.data?.slots;
  const noneLeft = slots !== undefined && slots.every((s) => !s.available);

  let status: React.ReactNode = null;
  if (!ready) status = <p className="text-sm text-slate-500">{t("slots.pickFirst")}</p>;
  else if (query.isPending) status = <p className="sr-only">{t("slots.loading")}</p>;
  else if (query.isError) {
    const field = query.error instanceof ApiError ? fieldOf(query.error) : null;
    status = (
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">
        <span>
          {field === "date"
            ? t("slots.dateError", { days: windowDays })
            : field === "district"
              ? t("slots.districtError")
              : t("slots.error")}
        </span>
        {!field && (
          <Button type="button" variant="secondary" className="min-h-11" onClick={() => query.refetch()}>
            {tc("retry")}
          </Button>
        )}
      </div>
    );
  } else if (noneLeft) status = <p className="text-sm text-amber-800">{t("slots.none")}</p>;
  else if (query.data)
    status = <p className="text-sm text-slate-500">{t("slots.center", { center: query.data.center })}</p>;

  return (
    <ChoiceFieldset
      legend={t("fields.slot")}
      status={status}
      error={error}
      errorId={errorId}
      busy={query.isFetching}
    >
      {ready && !query.isError && (
        <div className="grid grid-cols-2 gap-2.5">
          {timeSlots.map((slot) => {
            const info = slots?.find((s) => s.slot === slot);
            if (!info)
              return (
                <div
                  key={slot}
                  className="h-[4.25rem] animate-pulse rounded-xl bg-slate-100 ring-1 ring-inset ring-slate-200"
                  aria-hidden="true"
                />
              );
            const disabled = !info.available;
            const checked = value === slot && !disabled;
            return (
              <label
                key={slot}
                className={cn(
                  "relative flex min-h-[4.25rem] flex-col justify-center rounded-xl px-3 py-2 ring-inset transition-colors",
                  "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500",
                  disabled
                    ? "cursor-not-allowed bg-slate-50 text-slate-400 ring-1 ring-slate-200"
                    : checked
                      ? "cursor-pointer bg-brand-50 text-brand-700 ring-2 ring-brand-600"
                      : cn(
                          "cursor-pointer bg-white text-slate-900 ring-1 hover:bg-slate-50",
                          error ? "ring-red-400" : "ring-slate-300",
                        ),
                )}
              >
                <input
                  type="radio"
                  name="appointment_slot"
                  value={slot}
                  checked={checked}
                  disabled={disabled}
                  onChange={() => onChange(slot)}
                  className="sr-only"
                />
                <span className={cn("text-base font-semibold tabular-nums", disabled && "line-through decoration-1")}>
                  {formatSlot(slot)}
                </span>
                <span className="mt-0.5 flex items-center justify-between gap-1 text-xs">
                  <span className={disabled ? undefined : "text-slate-500"}>{t(`slots.names.${slot}`)}</span>
                  {disabled ? (
                    <span className="font-medium">{info.started ? t("slots.started") : t("slots.full")}</span>
                  ) : info.remaining <= 2 && info.remaining < info.capacity ? (
                    <span className="font-medium text-amber-700">{t("slots.left", { count: info.remaining })}</span>
                  ) : (
                    <span className="text-emerald-700">{t("slots.available")}</span>
                  )}
                </span>
                {checked && <CheckMark />}
              </label>
            );
          })}
        </div>
      )}
    </ChoiceFieldset>
  );
}

function fieldOf(error: ApiError): string | null {
  const fields = error.details?.fields as { path: string }[] | undefined;
  return fields?.[0]?.path ?? null;
}

function CheckMark() {
  return (
    <span className="absolute right-2 top-2 flex size-5 items-center justify-center rounded-full bg-brand-600 text-white">
      <svg
        viewBox="0 0 20 20"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.5"
        className="size-3"
        aria-hidden="true"
      >
        <path d="m4.5 10.5 3.5 3.5 7.5-8" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </span>
  );
}
