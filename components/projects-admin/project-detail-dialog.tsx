"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { createLinkAction, revokeLinkAction } from "@/app/admin/projects/actions";
import { fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Alert, Field } from "@/components/ui/field";
import { statusTone, type AccessLinkDto, type StaffProjectView } from "./types";
import { useErrorMessage } from "@/components/api/use-error-message";

const linkTone = { active: "green", expired: "gray", revoked: "red" } as const;

/** One cached project: its fields, people, cache state, status history and links. */
export function ProjectDetailDialog({
  projectId,
  onClose,
  canShare,
  timeZone,
}: {
  projectId: string | null;
  onClose: () => void;
  canShare: boolean;
  timeZone: string;
}) {
  const t = useTranslations("projects.detail");
  return (
    <Dialog open={projectId !== null} onClose={onClose} title={projectId ? t("title", { id: projectId }) : ""} size="lg">
      {projectId && <ProjectDetail projectId={projectId} canShare={canShare} timeZone={timeZone} />}
    </Dialog>
  );
}

function ProjectDetail({ projectId, canShare, timeZone }: { projectId: string; canShare: boolean; timeZone: string }) {
  const t = useTranslations("projects");
  const describeError = useErrorMessage();
  const format = useFormatter();
  const view = useQuery({
    queryKey: queryKeys.projects.detail(projectId),
    queryFn: ({ signal }) => fetchJson<StaffProjectView>(`/api/projects/${encodeURIComponent(projectId)}`, { signal }),
  });
  if (view.isPending) return <p className="py-6 text-center text-sm text-slate-500">{t("loading")}</p>;
  if (view.isError) return <Alert>{describeError(view.error)}</Alert>;
  const { project, status_history: history } = view.data;
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone });
  const fields: [string, string | null | undefined][] = [
    [t("detail.customer"), `${project.customer_name}${project.phone ? ` · ${project.phone}` : ""}`],
    [t("detail.expectedClose"), project.display.expected_close_date],
    [t("detail.serviceTime"), project.display.service_time],
    [t("detail.fault"), project.fault],
    [t("detail.paymentAmount"), project.payment_amount != null ? format.number(project.payment_amount, { style: "currency", currency: "CNY" }) : null],
    [t("detail.paymentTime"), project.display.payment_time],
    [t("detail.updated"), project.display.updated_at],
  ];
  return (
    <div className="space-y-5 text-sm">
      <div>
        <p className="text-base font-semibold text-slate-900">{project.title}</p>
        <p className="mt-1 flex flex-wrap gap-2">
          <Badge tone="indigo">{t(`type.${project.type}`)}</Badge>
          <Badge tone={statusTone[project.status]}>{t(`status.${project.status}`)}</Badge>
          {view.data.stale && <Badge tone="amber">{t("detail.stale")}</Badge>}
        </p>
      </div>
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
        {fields
          .filter(([, v]) => v)
          .map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className="text-slate-800">{value}</dd>
            </div>
          ))}
        <div>
          <dt className="text-xs text-slate-500">{t("detail.cache")}</dt>
          <dd className="text-slate-800">
            {t("detail.cacheLine", { ago: view.data.cache_time, expires: when(view.data.expires_at) })}
          </dd>
        </div>
      </dl>

      <section>
        <h3 className="mb-2 font-semibold text-slate-900">{t("detail.people")}</h3>
        <ul className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">
          {project.people.map((p) => (
            <li key={`${p.role}-${p.id}`} className="flex flex-wrap items-center gap-x-3 px-3 py-2">
              <Badge>{t(`role.${p.role}`)}</Badge>
              <span className="font-medium text-slate-800">{p.name}</span>
              <span className="font-mono text-xs text-slate-500">{p.id}</span>
              <span className="text-slate-500">{[p.phone, p.email].filter(Boolean).join(" · ")}</span>
            </li>
          ))}
        </ul>
      </section>

      <section>
        <h3 className="mb-2 font-semibold text-slate-900">{t("detail.history")}</h3>
        {history.length === 0 ? (
          <p className="text-slate-500">{t("detail.noHistory")}</p>
        ) : (
          <ol className="space-y-1">
            {history.map((h) => (
              <li key={h.id} className="flex flex-wrap gap-x-2">
                <span className="tabular-nums text-slate-500">{when(h.detected_at)}</span>
                <span className="text-slate-800">
                  {t("detail.change", { from: t(`status.${h.old_status}`), to: t(`status.${h.new_status}`) })}
                </span>
                <span className="text-slate-500">
                  {t(`detail.source.${h.source}`)}
                  {h.notified ? ` · ${t("detail.notified")}` : ""}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>

      {canShare && <AccessLinks projectId={projectId} people={project.people} timeZone={timeZone} />}
    </div>
  );
}

/** The project's links: create one for a person on it (then copy it), and revoke one after confirming. */
function AccessLinks({
  projectId,
  people,
  timeZone,
}: {
  projectId: string;
  people: StaffProjectView["project"]["people"];
  timeZone: string;
}) {
  const t = useTranslations("projects.links");
  const describeError = useErrorMessage();
  const tRole = useTranslations("projects.role");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const links = useQuery({
    queryKey: queryKeys.projects.links(projectId),
    queryFn: ({ signal }) => fetchJson<{ results: AccessLinkDto[] }>(`/api/projects/${encodeURIComponent(projectId)}/tokens`, { signal }),
  });
  const choices = people.filter((p) => p.id);
  const [person, setPerson] = useState(choices[0] ? `${choices[0].role}:${choices[0].id}` : "");
  const [days, setDays] = useState("7");
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ url: string; expires_at: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone });

  async function create(e: React.FormEvent) {
    e.preventDefault();
    const [role, id] = person.split(":");
    setBusy(true);
    setErrors({});
    setCreated(null);
    try {
      const result = await createLinkAction(projectId, { access_type: role, user_id: id, ttl_days: Number(days) });
      if (result.ok) {
        setCreated({ url: result.data.url, expires_at: result.data.expires_at });
        await queryClient.invalidateQueries({ queryKey: queryKeys.projects.links(projectId) });
      } else {
        const byField: Record<string, string> = {};
        for (const f of result.error.fields ?? []) byField[f.path] ??= f.message;
        setErrors(Object.keys(byField).length ? byField : { form: describeError(result.error) });
      }
    } catch {
      setErrors({ form: t("offline") });
    } finally {
      setBusy(false);
    }
  }

  async function revoke(jti: string) {
    setConfirming(null);
    const result = await revokeLinkAction(projectId, jti).catch(() => null);
    setNotice(result?.ok ? t("revoked") : describeError(result?.error));
    await queryClient.invalidateQueries({ queryKey: queryKeys.projects.links(projectId) });
  }

  return (
    <section className="space-y-3">
      <h3 className="font-semibold text-slate-900">{t("title")}</h3>
      <form onSubmit={create} className="grid gap-3 rounded-lg bg-slate-50 p-3 sm:grid-cols-[1fr_8rem_auto] sm:items-end" noValidate>
        <Field label={t("person")} error={errors.user_id ?? errors.access_type}>
          {(p) => (
            <select {...p} value={person} onChange={(e) => setPerson(e.target.value)}>
              {choices.map((c) => (
                <option key={`${c.role}:${c.id}`} value={`${c.role}:${c.id}`}>
                  {tRole(c.role)} · {c.name} ({c.id})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("days")} error={errors.ttl_days}>
          {(p) => <input {...p} type="number" min={1} max={90} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />}
        </Field>
        <Button type="submit" busy={busy} disabled={!person}>
          {t("create")}
        </Button>
        {errors.form && <Alert className="sm:col-span-3">{errors.form}</Alert>}
      </form>
      {created && (
        <Alert tone="success" title={t("createdTitle", { expires: when(created.expires_at) })}>
          <p className="break-all font-mono text-xs">{created.url}</p>
          <CopyButton className="mt-2" size="sm" variant="secondary" text={created.url} label={t("copy")} copiedLabel={t("copied")} failedLabel={t("copyFailed")} />
        </Alert>
      )}
      <div aria-live="polite">{notice && <p className="text-sm text-slate-600">{notice}</p>}</div>
      {links.isError && <Alert>{describeError(links.error)}</Alert>}
      {links.data && links.data.results.length === 0 && <p className="text-slate-500">{t("none")}</p>}
      {links.data && links.data.results.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">
          {links.data.results.map((l) => (
            <li key={l.jti} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2">
                  <Badge tone={linkTone[l.state]}>{t(`state.${l.state}`)}</Badge>
                  <span className="font-medium text-slate-800">
                    {tRole(l.access_type)} · {l.user_name}
                  </span>
                </p>
                <p className="text-xs text-slate-500">
                  {t("meta", {
                    created: when(l.created_at),
                    by: l.created_by,
                    expires: when(l.expires_at),
                    used: l.last_used_at ? when(l.last_used_at) : t("neverUsed"),
                  })}
                </p>
              </div>
              {l.state === "active" &&
                (confirming === l.jti ? (
                  <span className="flex items-center gap-2">
                    <span className="text-sm text-slate-700">{t("confirm")}</span>
                    <Button size="sm" variant="danger" onClick={() => revoke(l.jti)}>
                      {t("revokeYes")}
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>
                      {t("keep")}
                    </Button>
                  </span>
                ) : (
                  <Button size="sm" variant="secondary" onClick={() => setConfirming(l.jti)}>
                    {t("revoke")}
                  </Button>
                ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
