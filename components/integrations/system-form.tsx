"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { createSystemAction, updateSystemAction } from "@/app/admin/config/systems/actions";
import { queryKeys } from "@/components/api/query-keys";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert, Field } from "@/components/ui/field";
import type { SystemDto } from "@/lib/sync/systems";
import { ScheduleEditor, type ScheduleValue } from "./schedule-editor";
import { useErrorMessage } from "@/components/api/use-error-message";

type SecretState = { kind: "keep" } | { kind: "replace"; value: string } | { kind: "clear" };
type SystemType = "jira" | "zendesk" | "project_library";

/**
 * Create or edit an external system. Credentials are write-only: an existing one shows as "set", and
 * the admin may replace or clear it, never read it. Field errors come back from the same validation
 * the API uses and are shown next to their fields.
 */
export function SystemFormDialog({
  open,
  onClose,
  system,
  timeZone,
}: {
  open: boolean;
  onClose: () => void;
  /** The system to edit; none to create one. */
  system?: SystemDto;
  timeZone: string;
}) {
  const t = useTranslations("integrations.form");
  return (
    <Dialog open={open} onClose={onClose} title={system ? t("editTitle", { name: system.name }) : t("createTitle")} size="lg">
      {open && <SystemForm system={system} timeZone={timeZone} onDone={onClose} />}
    </Dialog>
  );
}

function SystemForm({ system, timeZone, onDone }: { system?: SystemDto; timeZone: string; onDone: () => void }) {
  const t = useTranslations("integrations.form");
  const describeError = useErrorMessage();
  const queryClient = useQueryClient();
  const [name, setName] = useState(system?.name ?? "");
  const [type, setType] = useState<SystemType>((system?.type as SystemType) ?? "jira");
  // The project library authenticates with its API key alone and runs on the Project sync tab's schedule.
  const isLibrary = type === "project_library";
  const [apiUrl, setApiUrl] = useState(system?.api_url ?? "");
  const [username, setUsername] = useState(system?.username ?? "");
  const [apiKey, setApiKey] = useState<SecretState>(system ? { kind: "keep" } : { kind: "replace", value: "" });
  const [password, setPassword] = useState<SecretState>(system ? { kind: "keep" } : { kind: "replace", value: "" });
  const [projectKey, setProjectKey] = useState(String(system?.settings.project_key ?? ""));
  const [jql, setJql] = useState(String(system?.settings.jql ?? ""));
  const [isActive, setIsActive] = useState(system?.is_active ?? true);
  const [schedule, setSchedule] = useState<ScheduleValue>({
    mode: system?.cron_expression ? "cron" : "interval",
    intervalMinutes: String(Math.round((system?.sync_interval ?? 300) / 60)),
    cron: system?.cron_expression ?? "*/15 * * * *",
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const secret = (s: SecretState) => (s.kind === "keep" ? undefined : s.kind === "clear" ? "" : s.value);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setErrors({});
    setFormError(null);
    const settings: Record<string, string> = {};
    if (type === "jira" && projectKey.trim()) settings.project_key = projectKey.trim();
    if (type === "jira" && jql.trim()) settings.jql = jql.trim();
    const input = {
      name,
      ...(system ? {} : { type }),
      api_url: apiUrl,
      api_key: secret(apiKey),
      is_active: isActive,
      settings,
      ...(isLibrary
        ? {}
        : {
            username,
            password: secret(password),
            // In cron mode the interval field is only a fallback: not sent unless it is a valid number.
            sync_interval:
              schedule.mode === "interval" || Number(schedule.intervalMinutes) >= 1
                ? Math.round(Number(schedule.intervalMinutes) * 60)
                : undefined,
            cron_expression: schedule.mode === "cron" ? schedule.cron : null,
          }),
    };
    try {
      const result = system ? await updateSystemAction(system.id, input) : await createSystemAction(input);
      if (result.ok) {
        await queryClient.invalidateQueries({ queryKey: queryKeys.systems.all });
        onDone();
        return;
      }
      const byField: Record<string, string> = {};
      for (const f of result.error.fields ?? []) byField[f.path] ??= f.message;
      setErrors(byField);
      if (!result.error.fields?.length) setFormError(describeError(result.error));
    } catch {
      setFormError(t("offline"));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {formError && <Alert>{formError}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("name")} required error={errors.name} hint={t("nameHint")}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoComplete="off" />}
        </Field>
        <Field label={t("type")} required error={errors.type} hint={system ? t("typeFixed") : undefined}>
          {(p) => (
            <select {...p} value={type} onChange={(e) => setType(e.target.value as SystemType)} disabled={!!system}>
              <option value="jira">Jira</option>
              <option value="zendesk">Zendesk</option>
              <option value="project_library">{t("projectLibrary")}</option>
            </select>
          )}
        </Field>
      </div>
      <Field label={t("apiUrl")} required error={errors.api_url} hint={t(`apiUrlHint.${type}`)}>
        {(p) => (
          <input
            {...p}
            type="url"
            inputMode="url"
            value={apiUrl}
            onChange={(e) => setApiUrl(e.target.value)}
            placeholder={
              type === "jira"
                ? "https://your-company.atlassian.net"
                : type === "zendesk"
                  ? "https://your-company.zendesk.com"
                  : "https://projects.example.com/api"
            }
            autoComplete="off"
          />
        )}
      </Field>
      {isLibrary ? (
        <SecretField
          label={t("apiKey")}
          hint={t("libraryKeyHint")}
          state={apiKey}
          onChange={setApiKey}
          isSet={system?.api_key_set ?? false}
          error={errors.api_key}
        />
      ) : (
        <>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("username")} error={errors.username} hint={t("usernameHint")}>
              {(p) => <input {...p} type="email" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />}
            </Field>
            <SecretField label={t("apiKey")} state={apiKey} onChange={setApiKey} isSet={system?.api_key_set ?? false} error={errors.api_key} />
          </div>
          <SecretField
            label={t("password")}
            hint={t("passwordHint")}
            state={password}
            onChange={setPassword}
            isSet={system?.password_set ?? false}
            error={errors.password}
          />
        </>
      )}
      {type === "jira" && (
        <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
          <Field label={t("projectKey")} error={errors["settings.project_key"]} hint={t("projectKeyHint")}>
            {(p) => <input {...p} value={projectKey} onChange={(e) => setProjectKey(e.target.value.toUpperCase())} placeholder="OPS" />}
          </Field>
          <Field label={t("jql")} error={errors["settings.jql"]} hint={t("jqlHint")}>
            {(p) => <input {...p} value={jql} onChange={(e) => setJql(e.target.value)} placeholder='project = OPS AND labels = "after-sales"' />}
          </Field>
        </div>
      )}
      {isLibrary ? (
        <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-600">
          {t.rich("libraryScheduleNote", {
            link: (chunks) => (
              <Link href="/admin/config/project-sync" className="text-brand-700 underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : (
        <ScheduleEditor
          value={schedule}
          onChange={setSchedule}
          timeZone={timeZone}
          error={errors.cron_expression ?? errors.sync_interval}
        />
      )}
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" checked={isActive} onChange={(e) => setIsActive(e.target.checked)} className="size-4" />
        {t("active")}
      </label>
      <div className="flex flex-wrap justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onDone} disabled={pending}>
          {t("cancel")}
        </Button>
        <Button type="submit" busy={pending}>
          {system ? t("save") : t("create")}
        </Button>
      </div>
    </form>
  );
}

/** A write-only credential: "set" with replace / clear when it exists, an input when it is being set. */
function SecretField({
  label,
  hint,
  state,
  onChange,
  isSet,
  error,
}: {
  label: string;
  hint?: string;
  state: SecretState;
  onChange: (s: SecretState) => void;
  isSet: boolean;
  error?: string;
}) {
  const t = useTranslations("integrations.form");
  if (state.kind === "replace") {
    return (
      <Field label={label} error={error} hint={hint ?? t("secretHint")}>
        {(p) => (
          <div className="flex gap-2">
            <input
              {...p}
              type="password"
              value={state.value}
              onChange={(e) => onChange({ kind: "replace", value: e.target.value })}
              autoComplete="new-password"
            />
            {isSet && (
              <Button type="button" variant="ghost" onClick={() => onChange({ kind: "keep" })}>
                {t("keep")}
              </Button>
            )}
          </div>
        )}
      </Field>
    );
  }
  return (
    <div>
      <p className="mb-1 block text-sm font-medium text-slate-700">{label}</p>
      <div className="flex min-h-11 flex-wrap items-center gap-2 text-sm">
        <span className={isSet && state.kind === "keep" ? "text-emerald-700" : "text-slate-500"}>
          {state.kind === "clear" ? t("willClear") : isSet ? t("isSet") : t("notSet")}
        </span>
        <Button type="button" size="sm" variant="secondary" onClick={() => onChange({ kind: "replace", value: "" })}>
          {isSet ? t("replace") : t("setNow")}
        </Button>
        {isSet && state.kind === "keep" && (
          <Button type="button" size="sm" variant="ghost" onClick={() => onChange({ kind: "clear" })}>
            {t("clear")}
          </Button>
        )}
      </div>
      {error && <p className="mt-1 text-sm text-red-600">{error}</p>}
    </div>
  );
}
