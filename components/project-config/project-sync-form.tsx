"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { saveProjectSyncConfigAction } from "@/app/admin/config/project-sync/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import type { Locale } from "@/lib/i18n/config";
import { cronPresets, notifyChannels, type NotifyChannel, type ProjectSyncConfig } from "@/lib/projects/schemas";
import type { ProjectSyncConfigView } from "@/lib/projects/sync-config";
import { projectTypes, type ProjectType } from "@/lib/projects/types";
import { cronProblem, nextRuns } from "@/lib/sync/schedule";
import { CheckTile, Chip, FieldError, SaveBar, Section, SettingsTab, Switch, useClock, useSettingsSave } from "./parts";

const TTL_PRESETS = [15, 30, 60, 240, 1440];
const MAX_TTL = 10_080;

interface Draft {
  autoSync: boolean;
  preset: string;
  cron: string;
  ttl: string;
  types: ProjectType[];
  notify: boolean;
  channels: NotifyChannel[];
}

const draftOf = (c: ProjectSyncConfig): Draft => ({
  autoSync: c.auto_sync_enabled,
  preset: c.sync_frequency,
  cron: c.cron_expression,
  ttl: String(c.cache_ttl),
  types: [...c.sync_types],
  notify: c.notify_on_change,
  channels: [...c.notify_channels],
});

/** What the form would save; lists in their canonical order so "changed?" ignores click order. */
const configOf = (d: Draft): ProjectSyncConfig => ({
  auto_sync_enabled: d.autoSync,
  sync_frequency: d.preset.trim(),
  cron_expression: d.cron.trim(),
  cache_ttl: Number(d.ttl),
  sync_types: projectTypes.filter((p) => d.types.includes(p)),
  notify_on_change: d.notify,
  notify_channels: notifyChannels.filter((c) => d.channels.includes(c)),
});

const toggle = <T,>(list: T[], item: T, on: boolean) =>
  on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);

/**
 * Config center › Project sync (seed 003's project-sync config): auto sync on/off; the schedule as a
 * preset or a raw cron expression that overrides it, with the next five runs computed live in the
 * browser by the scheduler's own code (lib/sync/schedule.ts) in the app's time zone; the cache TTL;
 * which project types sync; and change notifications with their channels. Problems the browser can
 * see are shown as the admin types; the server checks again and its field errors land by the fields.
 */
export function ProjectSyncForm({
  initial,
  timeZone,
  renderedAt,
}: {
  initial: ProjectSyncConfigView;
  /** The app's time zone, which the scheduler reads cron expressions in. */
  timeZone: string;
  /** When the page was rendered (ms), so the server and the browser preview the same runs. */
  renderedAt: number;
}) {
  const t = useTranslations("projectConfig.sync");
  const format = useFormatter();
  const locale = useLocale() as Locale;
  const id = useId();
  const now = useClock(renderedAt);

  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial.config));
  const { formRef, submit, pending, serverErrors, setServerErrors, formError, setFormError, savedMessage } =
    useSettingsSave();

  /** Changes some fields and forgets the server's complaints about them. */
  function edit(patch: Partial<Draft>, ...fields: (keyof ProjectSyncConfig)[]) {
    setDraft((d) => ({ ...d, ...patch }));
    if (fields.some((f) => serverErrors[f])) {
      setServerErrors((e) =>
        Object.fromEntries(Object.entries(e).filter(([k]) => !fields.includes(k as keyof ProjectSyncConfig))),
      );
    }
    setFormError(null);
  }

  // The schedule: a non-empty raw cron wins over the preset.
  const rawActive = draft.cron.trim() !== "";
  const presetProblem = useMemo(() => cronProblem(draft.preset, timeZone), [draft.preset, timeZone]);
  const rawProblem = useMemo(
    () => (rawActive ? cronProblem(draft.cron, timeZone) : null),
    [rawActive, draft.cron, timeZone],
  );
  const effective = rawActive ? draft.cron.trim() : draft.preset.trim();
  const effectiveProblem = rawActive ? rawProblem : presetProblem;
  const upcoming = useMemo(
    () =>
      effectiveProblem
        ? []
        : nextRuns(
            { intervalSeconds: 60, cronExpression: effective },
            { from: new Date(now), lastRunAt: null, timeZone, count: 5 },
          ),
    [effectiveProblem, effective, now, timeZone],
  );
  const knownPreset = cronPresets.find((p) => p.value === draft.preset.trim());

  const ttlNumber = Number(draft.ttl);
  const ttlProblem =
    /^\s*\d+\s*$/.test(draft.ttl) && ttlNumber >= 1 && ttlNumber <= MAX_TTL ? null : t("ttl.invalid", { max: MAX_TTL });
  const typesProblem = draft.types.length === 0 ? t("types.required") : null;

  const errors = {
    sync_frequency: presetProblem ? t("schedule.problem", { reason: presetProblem }) : serverErrors.sync_frequency,
    cron_expression: rawProblem ? t("schedule.problem", { reason: rawProblem }) : serverErrors.cron_expression,
    cache_ttl: ttlProblem ?? serverErrors.cache_ttl,
    sync_types: typesProblem ?? serverErrors.sync_types,
    notify_channels: serverErrors.notify_channels,
    auto_sync_enabled: serverErrors.auto_sync_enabled,
    notify_on_change: serverErrors.notify_on_change,
  };
  const localProblem = !!(presetProblem || rawProblem || ttlProblem || typesProblem);
  const dirty = JSON.stringify(configOf(draft)) !== JSON.stringify(configOf(draftOf(saved.config)));

  const runDate = (d: Date) =>
    format.dateTime(d, { year: "numeric", month: "short", day: "numeric", weekday: "short", timeZone });
  const runTime = (d: Date) => format.dateTime(d, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
  const ttlHuman =
    !ttlProblem && ttlNumber >= 60
      ? t("ttl.equals", {
          days: Math.floor(ttlNumber / 1440),
          hours: Math.floor((ttlNumber % 1440) / 60),
          minutes: ttlNumber % 60,
        })
      : null;

  return (
    <SettingsTab title={t("title")} intro={t("intro")}>
      <Card>
        <form
          ref={formRef}
          onSubmit={(e) =>
            submit(e, {
              hasLocalProblem: localProblem,
              save: () => saveProjectSyncConfigAction(configOf(draft)),
              onSaved: (view) => {
                setSaved(view);
                setDraft(draftOf(view.config));
                return view.config.auto_sync_enabled ? t("savedOn") : t("savedOff");
              },
            })
          }
          noValidate
          className="divide-y divide-slate-100"
        >
          {/* Auto sync and where it stands. */}
          <Section title={t("auto.title")} description={t("auto.description")} titleId={`${id}-auto`}>
            <Switch
              checked={draft.autoSync}
              onChange={(v) => edit({ autoSync: v }, "auto_sync_enabled")}
              label={t("auto.label")}
              description={draft.autoSync ? t("auto.onHint") : t("auto.offHint")}
            />
            <FieldError>{errors.auto_sync_enabled}</FieldError>
            <dl className="grid gap-3 rounded-lg bg-slate-50 p-3 text-sm ring-1 ring-inset ring-slate-200 sm:grid-cols-2">
              <div>
                <dt className="text-xs text-slate-500">{t("auto.lastSync")}</dt>
                <dd className="mt-0.5 font-medium text-slate-800 tabular-nums">
                  {saved.last_sync_time ?? t("auto.neverSynced")}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">{t("auto.lastSaved")}</dt>
                <dd className="mt-0.5 font-medium text-slate-800 tabular-nums">
                  {saved.updated_at
                    ? format.dateTime(new Date(saved.updated_at), { dateStyle: "medium", timeStyle: "short", timeZone })
                    : t("auto.defaults")}
                </dd>
              </div>
            </dl>
          </Section>

          {/* The schedule: preset, raw cron that overrides it, and the live preview. */}
          <Section
            title={t("schedule.title")}
            description={t("schedule.description", { zone: timeZone })}
            titleId={`${id}-schedule`}
          >
            <Field
              label={
                <span className="inline-flex flex-wrap items-center gap-2">
                  {t("schedule.preset")}
                  {rawActive ? (
                    <Badge>{t("schedule.overridden")}</Badge>
                  ) : (
                    <Badge tone="green">{t("schedule.inEffect")}</Badge>
                  )}
                </span>
              }
              hint={rawActive ? t("schedule.presetOverriddenHint") : t("schedule.presetHint")}
              error={errors.sync_frequency}
            >
              {(p) => (
                <select
                  {...p}
                  value={draft.preset}
                  onChange={(e) => edit({ preset: e.target.value }, "sync_frequency")}
                  className={cn(p.className, rawActive && "text-slate-500")}
                >
                  {!knownPreset && (
                    <option value={draft.preset}>{t("schedule.otherPreset", { cron: draft.preset || "—" })}</option>
                  )}
                  {cronPresets.map((preset) => (
                    <option key={preset.value} value={preset.value}>
                      {`${preset.label[locale] ?? preset.label.en}  ·  ${preset.value}`}
                    </option>
                  ))}
                </select>
              )}
            </Field>

            <Field
              label={
                <span className="inline-flex flex-wrap items-center gap-2">
                  {t("schedule.custom")}
                  {rawActive &&
                    (errors.cron_expression ? (
                      <Badge tone="red">{t("schedule.invalid")}</Badge>
                    ) : (
                      <Badge tone="green">{t("schedule.inEffect")}</Badge>
                    ))}
                </span>
              }
              hint={t("schedule.customHint")}
              error={errors.cron_expression}
            >
              {(p) => (
                <div className="flex gap-2">
                  <input
                    {...p}
                    value={draft.cron}
                    onChange={(e) => edit({ cron: e.target.value }, "cron_expression")}
                    placeholder={t("schedule.customPlaceholder")}
                    spellCheck={false}
                    autoComplete="off"
                    autoCapitalize="off"
                    maxLength={100}
                    aria-describedby={[p["aria-describedby"], `${id}-effective`].filter(Boolean).join(" ")}
                    className={cn(p.className, "font-mono")}
                  />
                  {rawActive ? (
                    <Button
                      type="button"
                      variant="secondary"
                      className="h-auto shrink-0"
                      onClick={() => edit({ cron: "" }, "cron_expression")}
                    >
                      {t("schedule.clearCustom")}
                    </Button>
                  ) : (
                    <Button
                      type="button"
                      variant="secondary"
                      className="h-auto shrink-0"
                      onClick={() => edit({ cron: draft.preset }, "cron_expression")}
                    >
                      {t("schedule.startFromPreset")}
                    </Button>
                  )}
                </div>
              )}
            </Field>

            <div className="rounded-lg bg-slate-50 p-3 text-sm ring-1 ring-inset ring-slate-200">
              <div id={`${id}-effective`} aria-live="polite">
                <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-slate-700">
                  <span className="font-medium">{t("schedule.effective")}</span>
                  <code className="rounded bg-white px-1.5 py-0.5 font-mono text-slate-900 ring-1 ring-slate-200">
                    {effective || "—"}
                  </code>
                  <span className="text-slate-500">
                    {rawActive
                      ? t("schedule.fromCustom")
                      : t("schedule.fromPreset", { name: knownPreset?.label[locale] ?? effective })}
                  </span>
                </p>
                {effectiveProblem && <p className="mt-2 text-red-700">{t("schedule.noRuns")}</p>}
                {!draft.autoSync && <p className="mt-2 text-amber-800">{t("schedule.autoOff")}</p>}
              </div>
              {!effectiveProblem && (
                <>
                  <p className="mt-3 font-medium text-slate-700">{t("schedule.nextRuns", { zone: timeZone })}</p>
                  <ol className={cn("mt-1.5 divide-y divide-slate-200/70", !draft.autoSync && "opacity-60")}>
                    {upcoming.map((d, i) => (
                      <li
                        key={d.toISOString()}
                        className="flex flex-wrap items-baseline justify-between gap-x-4 py-1.5 tabular-nums"
                      >
                        <span className="text-slate-700">
                          {runDate(d)} <span className="font-medium text-slate-900">{runTime(d)}</span>
                        </span>
                        {i === 0 && <span className="text-xs text-slate-500">{format.relativeTime(d, now)}</span>}
                      </li>
                    ))}
                  </ol>
                </>
              )}
              <p className="mt-2 text-xs text-slate-500">{t("schedule.appliesNextMinute")}</p>
            </div>
          </Section>

          {/* The cache. */}
          <Section title={t("ttl.title")} description={t("ttl.description")} titleId={`${id}-ttl`}>
            <Field
              label={t("ttl.label")}
              hint={[t("ttl.hint", { max: MAX_TTL }), ttlHuman].filter(Boolean).join(" ")}
              error={errors.cache_ttl}
            >
              {(p) => (
                <div className="flex items-center gap-2">
                  <input
                    {...p}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={MAX_TTL}
                    step={1}
                    value={draft.ttl}
                    onChange={(e) => edit({ ttl: e.target.value }, "cache_ttl")}
                    className={cn(p.className, "max-w-36 tabular-nums")}
                  />
                  <span className="text-sm text-slate-600">{t("ttl.unit")}</span>
                </div>
              )}
            </Field>
            <div className="flex flex-wrap gap-2" role="group" aria-label={t("ttl.presets")}>
              {TTL_PRESETS.map((m) => (
                <Chip key={m} pressed={ttlNumber === m} onClick={() => edit({ ttl: String(m) }, "cache_ttl")}>
                  {t("ttl.preset", { days: Math.floor(m / 1440), hours: Math.floor((m % 1440) / 60), minutes: m % 60 })}
                </Chip>
              ))}
            </div>
          </Section>

          {/* Which projects sync. */}
          <Section title={t("types.title")} description={t("types.description")} titleId={`${id}-types`}>
            <fieldset
              aria-labelledby={`${id}-types`}
              aria-describedby={errors.sync_types ? `${id}-types-error` : undefined}
              className="space-y-2"
            >
              <div className="grid gap-2 sm:grid-cols-3">
                {projectTypes.map((type) => (
                  <CheckTile
                    key={type}
                    checked={draft.types.includes(type)}
                    invalid={!!errors.sync_types}
                    onChange={(on) => edit({ types: toggle(draft.types, type, on) }, "sync_types")}
                  >
                    {t(`types.${type}`)}
                  </CheckTile>
                ))}
              </div>
              <FieldError id={`${id}-types-error`}>{errors.sync_types}</FieldError>
            </fieldset>
          </Section>

          {/* Change notifications. */}
          <Section title={t("notify.title")} description={t("notify.description")} titleId={`${id}-notify`}>
            <Switch
              checked={draft.notify}
              onChange={(v) => edit({ notify: v }, "notify_on_change")}
              label={t("notify.label")}
              description={t("notify.hint")}
            />
            <FieldError>{errors.notify_on_change}</FieldError>
            <fieldset disabled={!draft.notify} aria-describedby={`${id}-channels-note`} className="space-y-2">
              <legend className="mb-2 text-sm font-medium text-slate-700">{t("notify.channels")}</legend>
              <div className="grid gap-2 sm:grid-cols-3">
                {notifyChannels.map((channel) => (
                  <CheckTile
                    key={channel}
                    checked={draft.channels.includes(channel)}
                    disabled={!draft.notify}
                    invalid={!!errors.notify_channels}
                    onChange={(on) => edit({ channels: toggle(draft.channels, channel, on) }, "notify_channels")}
                  >
                    {t(`notify.channel.${channel}`)}
                  </CheckTile>
                ))}
              </div>
              <p
                id={`${id}-channels-note`}
                className={cn("text-xs", draft.notify && !draft.channels.length ? "text-amber-800" : "text-slate-500")}
              >
                {!draft.notify
                  ? t("notify.channelsDisabled")
                  : draft.channels.length
                    ? t("notify.channelsHint")
                    : t("notify.noChannels")}
              </p>
              <FieldError>{errors.notify_channels}</FieldError>
            </fieldset>
          </Section>

          <SaveBar pending={pending} dirty={dirty} saved={dirty ? null : savedMessage} formError={formError} />
        </form>
      </Card>
    </SettingsTab>
  );
}
