import { useFormatter, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { TrackingView } from "@/lib/tickets/tracking";

type TicketStatus = TrackingView["status"];

const steps = ["BOOKED", "CONFIRMED", "ASSIGNED", "IN_PROGRESS", "COMPLETED"] as const;

interface TimelineProps {
  status: TicketStatus;
  timeline: { status: TicketStatus; at: string }[];
  cancelReason: string | null;
}

/**
 * The repair's progress as a vertical list: reached steps with their time (in the service's time zone,
 * which next-intl is configured with), the current one highlighted; a canceled booking ends in a red step.
 */
export function StatusTimeline({ status, timeline, cancelReason }: TimelineProps) {
  const t = useTranslations("track");
  const format = useFormatter();
  const canceled = status === "CANCELED";
  // The step a ticket reached last before any cancellation (a step may be skipped, e.g. assigned directly).
  const reachedIndex = canceled
    ? Math.max(0, ...timeline.map((e) => steps.indexOf(e.status as (typeof steps)[number])))
    : steps.indexOf(status as (typeof steps)[number]);
  const lastAt = (s: TicketStatus) => timeline.findLast((e) => e.status === s)?.at;
  const when = (at: string | undefined) =>
    at ? format.dateTime(new Date(at), { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }) : null;

  const items: { key: TicketStatus; state: StepState; label: string; at: string | null; hint: string | null }[] = steps
    .map((step, i) => ({ step, i }))
    .filter(({ i }) => !canceled || i <= reachedIndex)
    .map(({ step, i }) => {
      // A completed repair has no step left to wait for: its last step is done, not current.
      const finished = canceled || status === "COMPLETED";
      const state: StepState = finished || i < reachedIndex ? "done" : i === reachedIndex ? "current" : "todo";
      return { key: step, state, label: t(`steps.${step}`), at: when(lastAt(step)), hint: null };
    });
  if (canceled) {
    items.push({
      key: "CANCELED",
      state: "canceled",
      label: t("steps.CANCELED"),
      at: when(lastAt("CANCELED")),
      hint: cancelReason ? t("canceledReason", { reason: cancelReason }) : null,
    });
  } else {
    // The hint belongs to the step in progress, or, once the repair is done, to the final step.
    const current =
      items.find((item) => item.state === "current") ?? (status === "COMPLETED" ? items.at(-1) : undefined);
    if (current) current.hint = t(`stepHints.${current.key}`);
  }

  return (
    <ol className="relative">
      {items.map((item, index) => {
        const last = index === items.length - 1;
        return (
          <li
            key={item.key}
            className="relative flex gap-3 pb-5 last:pb-0"
            aria-current={item.state === "current" ? "step" : undefined}
          >
            {!last && (
              <span
                aria-hidden="true"
                className={cn(
                  "absolute bottom-0 left-[0.6875rem] top-6 w-0.5",
                  item.state === "done" ? "bg-brand-500" : "bg-slate-200",
                )}
              />
            )}
            <Dot state={item.state} />
            <div className="min-w-0 flex-1 pt-0.5">
              <p
                className={cn(
                  "flex flex-wrap items-baseline gap-x-2 text-sm",
                  item.state === "current" && "font-semibold text-brand-700",
                  item.state === "done" && "font-medium text-slate-900",
                  item.state === "todo" && "text-slate-400",
                  item.state === "canceled" && "font-semibold text-red-700",
                )}
              >
                <span>{item.label}</span>
                {item.state === "current" && (
                  <span className="rounded bg-brand-600 px-1.5 py-px text-[0.6875rem] font-medium text-white">
                    {t("current")}
                  </span>
                )}
              </p>
              {item.at && <p className="mt-0.5 text-xs tabular-nums text-slate-500">{item.at}</p>}
              {item.hint && (
                <p
                  className={cn(
                    "mt-1 break-words text-sm",
                    item.state === "canceled" ? "text-red-800" : "text-slate-600",
                  )}
                >
                  {item.hint}
                </p>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

type StepState = "done" | "current" | "todo" | "canceled";

function Dot({ state }: { state: StepState }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "relative z-10 flex size-6 shrink-0 items-center justify-center rounded-full",
        state === "done" && "bg-brand-600 text-white",
        state === "current" && "bg-brand-50 ring-2 ring-inset ring-brand-600 shadow-[0_0_0_4px] shadow-brand-100",
        state === "todo" && "bg-white ring-2 ring-inset ring-slate-300",
        state === "canceled" && "bg-red-600 text-white",
      )}
    >
      {state === "done" && (
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="2.6" className="size-3.5">
          <path d="m4.5 10.5 3.5 3.5 7.5-8" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      )}
      {state === "current" && <span className="size-2.5 rounded-full bg-brand-600" />}
      {state === "canceled" && (
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="2.6" className="size-3">
          <path d="M5 5l10 10M15 5 5 15" strokeLinecap="round" />
        </svg>
      )}
    </span>
  );
}
