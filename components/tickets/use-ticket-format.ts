"use client";

import { useFormatter } from "next-intl";
import { useCallback, useMemo } from "react";
import { formatAppointmentDate } from "@/components/format/appointment-date";

/**
 * Dates as staff read them: instants in the service's time zone (next-intl's configured zone,
 * Asia/Shanghai by default); appointment days are calendar dates and are shown as such.
 */
export function useTicketFormat() {
  const format = useFormatter();
  const dateTime = useCallback(
    (iso: string) =>
      format.dateTime(new Date(iso), {
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }),
    [format],
  );
  const shortDateTime = useCallback(
    (iso: string) =>
      format.dateTime(new Date(iso), {
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }),
    [format],
  );
  const appointmentDay = useCallback((isoDate: string) => formatAppointmentDate(format, isoDate, "numeric"), [format]);
  return useMemo(() => ({ dateTime, shortDateTime, appointmentDay }), [dateTime, shortDateTime, appointmentDay]);
}
