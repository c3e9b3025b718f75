"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId, useMemo } from "react";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/field";
import { cronProblem, nextRuns } from "@/lib/sync/schedule";

export interface ScheduleValue {
  mode: "interval" | "cron";
  /** Minutes (the form's unit); stored as seconds. */
  intervalMinutes: string;
  cron: string;
}

const INTERVAL_PRESETS = [5, 15, 30, 60, 360, 1440];
const CRON_PRESETS = [
  { id: "quarterHourly", cron: "*/15 * * * *" },
  { id: "hourly", cron: "0 * * * *" },
  { id: "workdayMornings", cron: "0 9 * * 1-5" },
  { id: "nightly", cron: "30 3 * * *" },
] as const;

/**
 * The schedule as an admin sets it: an interval (presets or minutes) or a cron expression (presets or
 * typed), with the next five run times computed live in the app's time zone by the same code the
 * scheduler uses (lib/sync/schedule.ts, croner), and the reason when a cron expression is not valid.
 */
export function ScheduleEditor({
  value,
  onChange,
  timeZone,
  error,
}: {
  value: ScheduleValue;
  onChange: (v: ScheduleValue) => void;
  timeZone: string;
  error?: string;
}) {
  const t = useTranslations("integrations.schedule");
  const format = useFormatter();
  const id = useId();
  const minutes = Number(value.intervalMinutes);
  const intervalProblem =
    value.mode === "interval" && !(Number.isInteger(minutes) && minutes >= 1 && minutes <= 10_080) ? t("intervalInvalid") : null;
  const problem = value.mode === "cron" ? cronProblem(value.cron, timeZone) : intervalProblem;
  const upcoming = useMemo(() => {
    if (problem) return [];
    return nextRuns(
      { intervalSeconds: minutes * 60, cronExpression: value.mode === "cron" ? value.cron.trim() : null },
      { from: new Date(), lastRunAt: null, timeZone, count: 5 },
    );
  }, [problem, minutes, value.mode, value.cron, timeZone]);

  return (
    <fieldset className="space-y-3 rounded-lg border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">{t("legend")}</legend>
      <div role="radiogroup" aria-label={t("legend")} className="flex flex-wrap gap-4">
        {(["interval", "cron"] as const).map((mode) => (
          <label key={mode} className="inline-flex min-h-11 items-center gap-2 text-sm">
            <input
              type="radio"
              name={`${id}-mode`}
              checked={value.mode === mode}
              onChange={() => onChange({ ...value, mode })}
              className="size-4"
            />
            {t(`mode.${mode}`)}
          </label>
        ))}
      </div>

      {value.mode === "interval" ? (
        <div className="space-y-2">
          <div className="flex flex-wrap gap-2">
            {INTERVAL_PRESETS.map((m) => (
              <PresetButton key={m} active={minutes === m} onClick={() => onChange({ ...value, intervalMinutes: String(m) })}>
                {t("every", { minutes: m })}
              </PresetButton>
            ))}
          </div>
          <label htmlFor={`${id}-minutes`} className="block text-sm text-slate-700">
            {t("minutesLabel")}
          </label>
          <input
            id={`${id}-minutes`}
            type="number"
            inputMode="numeric"
            min={1}
            max={10080}
            value={value.intervalMinutes}
            onChange={(e) => onChange({ ...value, intervalMinutes: e.target.value })}
            aria-invalid={intervalProblem ? true : undefined}
            className={cn(controlClasses, "max-w-40")}
          />
        </div>
      ) : (
        <div className="space-y-2">
          <div className="flex flex-wrap gap-2">
            {CRON_PRESETS.map((p) => (
              <PresetButton key={p.id} active={value.cron.trim() === p.cron} onClick={() => onChange({ ...value, cron: p.cron })}>
                {t(`cronPreset.${p.id}`)}
              </PresetButton>
            ))}
          </div>
          <label htmlFor={`${id}-cron`} className="block text-sm text-slate-700">
            {t("cronLabel")}
          </label>
          <input
            id={`${id}-cron`}
            value={value.cron}
            onChange={(e) => onChange({ ...value, cron: e.target.value })}
            placeholder="*/15 * * * *"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={problem ? true : undefined}
            aria-describedby={`${id}-preview`}
            className={cn(controlClasses, "font-mono")}
          />
          <p className="text-xs text-slate-500">{t("cronHelp", { zone: timeZone })}</p>
        </div>
      )}

      <div id={`${id}-preview`} aria-live="polite" className="rounded-md bg-slate-50 p-2 text-sm">
        {problem || error ? (
          <p className="text-red-700">{error ?? problem}</p>
        ) : (
          <>
            <p className="font-medium text-slate-700">{t("nextRuns")}</p>
            <ol className="mt-1 space-y-0.5 text-slate-600">
              {upcoming.map((d) => (
                <li key={d.toISOString()} className="tabular-nums">
                  {format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone })}
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </fieldset>
  );
}

function PresetButton({ active, onClick, children }: { active: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-pressed={active}
      className={cn(
        "min-h-9 rounded-full px-3 text-sm ring-1 ring-inset",
        active ? "bg-brand-50 text-brand-700 ring-brand-300" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
      )}
    >
      {children}
    </button>
  );
}
