"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useRef, useState } from "react";
import { saveTimeDisplayAction } from "@/app/admin/config/time-display/actions";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import type { Locale } from "@/lib/i18n/config";
import {
  formatInZone,
  timeFormatProblem,
  timeFormatTokens,
  timeZoneProblem,
  TIME_FORMAT_MAX_LENGTH,
  type TimeDisplayConfig,
} from "@/lib/projects/time-display";
import { Chip, FieldError, SaveBar, Section, SettingsTab, Switch, useMounted, useSettingsSave } from "./parts";

/** The instant every preview shows (the same as `sampleTimeDisplay`): a Friday afternoon in China. */
const SAMPLE_INSTANT = "2024-02-02T07:30:00Z";
const COMMON_FORMATS = [
  "YYYY-MM-DD HH:mm",
  "YYYY年M月D日 HH:mm",
  "YYYY/MM/DD ddd HH:mm",
  "MM-DD HH:mm",
  "YYYY-MM-DD hh:mm A",
];
const COMMON_ZONES = ["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo", "UTC"];

type FormatField = "aftersales_time_format" | "sales_time_format";
const formatFields: FormatField[] = ["aftersales_time_format", "sales_time_format"];

const otherLocale = (l: Locale): Locale => (l === "en" ? "zh-CN" : "en");

/** "GMT+08:00" for a zone at the sample instant, or null if the engine cannot say. */
function zoneOffset(timeZone: string): string | null {
  try {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(
      new Date(SAMPLE_INSTANT),
    );
    return parts.find((p) => p.type === "timeZoneName")?.value ?? null;
  } catch {
    return null;
  }
}

/**
 * Config center › Time display (seed 003's time-display config): the format of aftersales and of sales
 * (and presale) project times, whether sales projects show their payment time, and the zone times are
 * shown in. Each format is previewed live on a fixed sample instant as the admin types, with the reason
 * when a format or a zone cannot be used; tokens from the help list are inserted at the cursor.
 */
export function TimeDisplayForm({ initial }: { initial: TimeDisplayConfig }) {
  const t = useTranslations("projectConfig.display");
  const locale = useLocale() as Locale;
  const id = useId();
  const mounted = useMounted();
  const inputs = useRef<Partial<Record<FormatField, HTMLInputElement | null>>>({});

  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState<TimeDisplayConfig>(initial);
  const [target, setTarget] = useState<FormatField>("aftersales_time_format");
  const { formRef, submit, pending, serverErrors, setServerErrors, formError, setFormError, savedMessage } =
    useSettingsSave();

  function edit(patch: Partial<TimeDisplayConfig>) {
    setDraft((d) => ({ ...d, ...patch }));
    const touched = Object.keys(patch);
    if (touched.some((k) => serverErrors[k])) {
      setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !touched.includes(k))));
    }
    setFormError(null);
  }

  const zoneProblem = timeZoneProblem(draft.timezone);
  const formatProblems: Record<FormatField, string | null> = {
    aftersales_time_format: timeFormatProblem(draft.aftersales_time_format),
    sales_time_format: timeFormatProblem(draft.sales_time_format),
  };
  const errors: Record<keyof TimeDisplayConfig, string | undefined> = {
    aftersales_time_format: formatProblems.aftersales_time_format
      ? t("formatProblem", { reason: formatProblems.aftersales_time_format })
      : serverErrors.aftersales_time_format,
    sales_time_format: formatProblems.sales_time_format
      ? t("formatProblem", { reason: formatProblems.sales_time_format })
      : serverErrors.sales_time_format,
    timezone: zoneProblem ? t("zone.problem", { reason: zoneProblem }) : serverErrors.timezone,
    show_payment_time: serverErrors.show_payment_time,
  };
  const localProblem = !!(zoneProblem || formatProblems.aftersales_time_format || formatProblems.sales_time_format);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);

  /** The format on the sample instant in the UI's language, and in the other one when it reads differently. */
  function sample(field: FormatField): { here: string; other: string | null } | null {
    if (formatProblems[field] || zoneProblem) return null;
    const here = formatInZone(SAMPLE_INSTANT, draft[field], draft.timezone, locale);
    const other = formatInZone(SAMPLE_INSTANT, draft[field], draft.timezone, otherLocale(locale));
    return { here, other: other === here ? null : other };
  }

  const offset = zoneProblem ? null : zoneOffset(draft.timezone);
  const zones = useMemo(
    () => (mounted && typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []),
    [mounted],
  );

  /** Puts `text` at the cursor of the chosen format field (or replaces the whole field). */
  function insert(text: string, replace = false) {
    const el = inputs.current[target];
    const value = draft[target];
    const start = replace ? 0 : (el?.selectionStart ?? value.length);
    const end = replace ? value.length : (el?.selectionEnd ?? value.length);
    const next = (value.slice(0, start) + text + value.slice(end)).slice(0, TIME_FORMAT_MAX_LENGTH);
    edit({ [target]: next });
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      const caret = Math.min(start + text.length, next.length);
      el.setSelectionRange(caret, caret);
    });
  }

  return (
    <SettingsTab title={t("title")} intro={t("intro")}>
      <Card>
        <form
          ref={formRef}
          onSubmit={(e) =>
            submit(e, {
              hasLocalProblem: localProblem,
              save: () => saveTimeDisplayAction(draft),
              onSaved: (config) => {
                setSaved(config);
                setDraft(config);
                return t("saved");
              },
            })
          }
          noValidate
          className="divide-y divide-slate-100"
        >
          <Section title={t("formats.title")} description={t("formats.description")} titleId={`${id}-formats`}>
            <div className="grid gap-4 lg:grid-cols-2">
              {formatFields.map((field) => {
                const shown = sample(field);
                return (
                  <div key={field} className="min-w-0 space-y-2">
                    <Field label={t(`formats.${field}.label`)} hint={t(`formats.${field}.hint`)} error={errors[field]}>
                      {(p) => (
                        <input
                          {...p}
                          ref={(el) => {
                            inputs.current[field] = el;
                          }}
                          value={draft[field]}
                          onChange={(e) => edit({ [field]: e.target.value })}
                          onFocus={() => setTarget(field)}
                          maxLength={TIME_FORMAT_MAX_LENGTH}
                          spellCheck={false}
                          autoComplete="off"
                          autoCapitalize="off"
                          aria-describedby={[p["aria-describedby"], `${id}-${field}-sample`].filter(Boolean).join(" ")}
                          className={cn(p.className, "font-mono")}
                        />
                      )}
                    </Field>
                    <p
                      id={`${id}-${field}-sample`}
                      aria-live="polite"
                      className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 rounded-lg bg-slate-50 px-3 py-2 text-sm ring-1 ring-inset ring-slate-200"
                    >
                      <span className="text-slate-500">{t("sample")}</span>
                      {shown ? (
                        <>
                          <output className="font-medium text-slate-900 tabular-nums">{shown.here}</output>
                          {shown.other && (
                            <span className="text-xs text-slate-500">{t("sampleOther", { sample: shown.other })}</span>
                          )}
                        </>
                      ) : (
                        <span className="text-slate-500">
                          {zoneProblem && !formatProblems[field] ? t("sampleNeedsZone") : t("sampleUnavailable")}
                        </span>
                      )}
                    </p>
                  </div>
                );
              })}
            </div>
            <p className="text-xs text-slate-500">{t("sampleNote")}</p>

            <details open className="group rounded-lg ring-1 ring-inset ring-slate-200">
              <summary className="flex min-h-11 cursor-pointer list-none items-center justify-between gap-2 px-3 text-sm font-medium text-slate-800 [&::-webkit-details-marker]:hidden">
                {t("tokens.title")}
                <span aria-hidden="true" className="text-slate-400 transition-transform group-open:rotate-180">
                  ▾
                </span>
              </summary>
              <div className="space-y-3 border-t border-slate-200 px-3 pt-3 pb-3">
                <div className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label={t("tokens.target")}>
                  <span className="text-slate-600">{t("tokens.target")}</span>
                  {formatFields.map((field) => (
                    <Chip key={field} pressed={target === field} onClick={() => setTarget(field)}>
                      {t(`formats.${field}.short`)}
                    </Chip>
                  ))}
                </div>
                <ul className="grid grid-cols-2 gap-1.5 lg:grid-cols-3">
                  {timeFormatTokens.map((token) => (
                    <li key={token.token}>
                      <button
                        type="button"
                        onClick={() => insert(token.token)}
                        className="flex h-full min-h-11 w-full flex-col items-start gap-0.5 rounded-md px-2 py-1.5 text-left ring-1 ring-inset ring-slate-200 hover:bg-brand-50 hover:ring-brand-300 sm:flex-row sm:items-center sm:gap-3"
                      >
                        <code className="shrink-0 font-mono text-sm font-semibold text-brand-700 sm:w-12">
                          {token.token}
                        </code>
                        <span className="text-xs leading-snug text-slate-600">
                          {token.description[locale] ?? token.description.en}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
                <p className="text-xs text-slate-500">{t("tokens.literal")}</p>
                <div className="space-y-1.5">
                  <p className="text-sm text-slate-600">{t("tokens.common")}</p>
                  <div className="flex flex-wrap gap-2">
                    {COMMON_FORMATS.map((f) => (
                      <Chip key={f} pressed={draft[target] === f} onClick={() => insert(f, true)} className="font-mono">
                        {f}
                      </Chip>
                    ))}
                  </div>
                </div>
              </div>
            </details>
          </Section>

          <Section title={t("payment.title")} description={t("payment.description")} titleId={`${id}-payment`}>
            <Switch
              checked={draft.show_payment_time}
              onChange={(v) => edit({ show_payment_time: v })}
              label={t("payment.label")}
              description={draft.show_payment_time ? t("payment.onHint") : t("payment.offHint")}
            />
            <FieldError>{errors.show_payment_time}</FieldError>
          </Section>

          <Section title={t("zone.title")} description={t("zone.description")} titleId={`${id}-zone`}>
            <Field
              label={t("zone.label")}
              hint={offset ? t("zone.hint", { offset }) : t("zone.hintPlain")}
              error={errors.timezone}
            >
              {(p) => (
                <input
                  {...p}
                  list={`${id}-zones`}
                  value={draft.timezone}
                  onChange={(e) => edit({ timezone: e.target.value })}
                  placeholder="Asia/Shanghai"
                  spellCheck={false}
                  autoComplete="off"
                  autoCapitalize="off"
                  className={cn(p.className, "font-mono")}
                />
              )}
            </Field>
            <datalist id={`${id}-zones`}>
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
            <div className="flex flex-wrap gap-2" role="group" aria-label={t("zone.common")}>
              {COMMON_ZONES.map((z) => (
                <Chip
                  key={z}
                  pressed={draft.timezone === z}
                  onClick={() => edit({ timezone: z })}
                  className="font-mono text-xs"
                >
                  {z}
                </Chip>
              ))}
            </div>
          </Section>

          <SaveBar
            pending={pending}
            dirty={dirty}
            saved={dirty ? null : savedMessage}
            formError={formError}
            note={t("appliesNow")}
          />
        </form>
      </Card>
    </SettingsTab>
  );
}
