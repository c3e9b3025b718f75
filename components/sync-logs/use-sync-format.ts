"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";
import { useTicketFormat } from "@/components/tickets/use-ticket-format";

/** Numbers, percentages, durations and instants as the sync pages show them (in the app's time zone). */
export function useSyncFormat() {
  const format = useFormatter();
  const t = useTranslations("syncLogs.units");
  const { dateTime, shortDateTime } = useTicketFormat();

  const count = useCallback((n: number) => format.number(n), [format]);

  /** A 0–1 rate as a percentage; null (no finished runs) as a dash. */
  const percent = useCallback(
    (rate: number | null | undefined) =>
      rate === null || rate === undefined
        ? t("none")
        : format.number(rate, { style: "percent", maximumFractionDigits: 1 }),
    [format, t],
  );

  /** Seconds, in the unit a person reads best: 850 ms, 12.3 s, 2 min 5 s. */
  const duration = useCallback(
    (seconds: number | null | undefined) => {
      if (seconds === null || seconds === undefined) return t("none");
      const unit = (value: number, u: "millisecond" | "second" | "minute" | "hour", digits = 0) =>
        format.number(value, { style: "unit", unit: u, unitDisplay: "short", maximumFractionDigits: digits });
      if (seconds === 0) return unit(0, "second");
      if (seconds < 1) return unit(Math.round(seconds * 1000), "millisecond");
      if (seconds < 60) return unit(seconds, "second", 1);
      if (seconds < 3600) {
        const minutes = Math.floor(seconds / 60);
        const rest = Math.round(seconds - minutes * 60);
        return rest
          ? t("pair", { major: unit(minutes, "minute"), minor: unit(rest, "second") })
          : unit(minutes, "minute");
      }
      const hours = Math.floor(seconds / 3600);
      const minutes = Math.round((seconds - hours * 3600) / 60);
      return minutes ? t("pair", { major: unit(hours, "hour"), minor: unit(minutes, "minute") }) : unit(hours, "hour");
    },
    [format, t],
  );

  const rate = useCallback(
    (perSecond: number | null | undefined) =>
      perSecond === null || perSecond === undefined
        ? t("none")
        : t("perSecond", { value: format.number(perSecond, { maximumFractionDigits: 1 }) }),
    [format, t],
  );

  /** A trend day ("YYYY-MM-DD", already in the app's zone) as a short calendar date. */
  const day = useCallback(
    (isoDate: string) =>
      format.dateTime(new Date(`${isoDate}T00:00:00Z`), { timeZone: "UTC", month: "2-digit", day: "2-digit" }),
    [format],
  );
  const longDay = useCallback(
    (isoDate: string) =>
      format.dateTime(new Date(`${isoDate}T00:00:00Z`), {
        timeZone: "UTC",
        year: "numeric",
        month: "long",
        day: "numeric",
        weekday: "short",
      }),
    [format],
  );

  return useMemo(
    () => ({ count, percent, duration, rate, day, longDay, dateTime, shortDateTime }),
    [count, percent, duration, rate, day, longDay, dateTime, shortDateTime],
  );
}
