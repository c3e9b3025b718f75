"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useState } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Alert, controlClasses } from "@/components/ui/field";
import { FilterSelect } from "@/components/ui/filter-select";
import { cacheStates, type CacheState } from "@/lib/projects/schemas";
import { projectStatuses, projectTypes } from "@/lib/projects/types";
import { ProjectDetailDialog } from "./project-detail-dialog";
import { ProjectSyncPanel } from "./sync-panel";
import { cacheStateTone, statusTone, type ProjectPage, type ProjectRow } from "./types";

const PAGE_SIZE = 20;

interface Filters {
  type: string;
  status: string;
  cache_state: CacheState | "";
  keyword: string;
  page: number;
}

/**
 * The cached projects (seed 004's fresh / expiring / expired views as tabs with their counts), the last
 * syncs with "sync now", and a project's detail with its status history and links in a dialog.
 */
export function ProjectsAdminView({ canShare, canSync, timeZone }: { canShare: boolean; canSync: boolean; timeZone: string }) {
  const t = useTranslations("projects");
  const [filters, setFilters] = useState<Filters>({ type: "", status: "", cache_state: "", keyword: "", page: 1 });
  const [typing, setTyping] = useState("");
  const [openId, setOpenId] = useState<string | null>(null);
  const params = {
    type: filters.type || undefined,
    status: filters.status || undefined,
    cache_state: filters.cache_state || undefined,
    keyword: filters.keyword || undefined,
    page: filters.page,
    page_size: PAGE_SIZE,
  };
  const list = useQuery({
    queryKey: queryKeys.projects.list(params),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
      return fetchJson<ProjectPage>(`/api/projects?${query}`, { signal });
    },
    placeholderData: keepPreviousData,
  });
  const change = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.count / PAGE_SIZE)) : 1;
  const total = data ? data.cache_states.fresh + data.cache_states.expiring + data.cache_states.expired : undefined;

  return (
    <div className="space-y-4">
      <ProjectSyncPanel canSync={canSync} />

      <div role="tablist" aria-label={t("views.label")} className="flex flex-wrap gap-2">
        {(["", ...cacheStates] as const).map((state) => {
          const selected = filters.cache_state === state;
          const n = state === "" ? total : data?.cache_states[state];
          return (
            <button
              key={state || "all"}
              role="tab"
              aria-selected={selected}
              onClick={() => change({ cache_state: state })}
              className={cn(
                "min-h-11 rounded-full px-4 text-sm font-medium ring-1 ring-inset sm:min-h-9",
                selected ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
              )}
            >
              {t(`views.${state || "all"}`)}
              {n !== undefined && <span className="ml-1.5 tabular-nums opacity-80">{n}</span>}
            </button>
          );
        })}
      </div>

      <Card className="grid items-end gap-3 p-4 sm:grid-cols-[1fr_auto_auto]">
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            change({ keyword: typing.trim() });
          }}
          className="flex gap-2"
        >
          <label htmlFor="project-keyword" className="sr-only">
            {t("filters.keyword")}
          </label>
          <input
            id="project-keyword"
            className={controlClasses}
            value={typing}
            onChange={(e) => setTyping(e.target.value)}
            placeholder={t("filters.keywordHint")}
            maxLength={100}
          />
          <Button type="submit" variant="secondary" className="shrink-0 whitespace-nowrap">
            {t("filters.search")}
          </Button>
        </form>
        <FilterSelect
          id="project-type"
          label={t("filters.type")}
          value={filters.type}
          onChange={(v) => change({ type: String(v) })}
          allLabel={t("filters.all")}
          options={projectTypes.map((v) => ({ value: v, label: t(`type.${v}`) }))}
        />
        <FilterSelect
          id="project-status"
          label={t("filters.status")}
          value={filters.status}
          onChange={(v) => change({ status: String(v) })}
          allLabel={t("filters.all")}
          options={projectStatuses.map((v) => ({ value: v, label: t(`status.${v}`) }))}
        />
      </Card>

      <div aria-live="polite" className="sr-only">
        {data ? t("found", { count: data.count }) : ""}
      </div>
      {list.isError && <Alert>{t("loadFailed")}</Alert>}
      {list.isPending && <p className="py-8 text-center text-sm text-slate-500">{t("loading")}</p>}
      {data && data.results.length === 0 && (
        <Card className="p-8 text-center text-sm text-slate-500">
          {filters.keyword || filters.type || filters.status || filters.cache_state ? t("emptyFiltered") : t("empty")}
        </Card>
      )}
      {data && data.results.length > 0 && (
        <>
          <ProjectTable rows={data.results} onOpen={setOpenId} timeZone={timeZone} />
          <nav aria-label={t("pagination.label")} className="flex items-center justify-between gap-3 text-sm text-slate-600">
            <span>{t("pagination.page", { page: filters.page, pages, count: data.count })}</span>
            <div className="flex gap-2">
              <Button variant="secondary" disabled={filters.page <= 1} onClick={() => setFilters((f) => ({ ...f, page: f.page - 1 }))}>
                {t("pagination.previous")}
              </Button>
              <Button variant="secondary" disabled={filters.page >= pages} onClick={() => setFilters((f) => ({ ...f, page: f.page + 1 }))}>
                {t("pagination.next")}
              </Button>
            </div>
          </nav>
        </>
      )}
      <ProjectDetailDialog projectId={openId} onClose={() => setOpenId(null)} canShare={canShare} timeZone={timeZone} />
    </div>
  );
}

/** A table on wide screens, stacked cards on a phone; each row opens the project. */
function ProjectTable({ rows, onOpen, timeZone }: { rows: ProjectRow[]; onOpen: (id: string) => void; timeZone: string }) {
  const t = useTranslations("projects");
  const format = useFormatter();
  const now = useNow({ updateInterval: 30_000 });
  const when = (iso: string | null) =>
    iso ? format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short", timeZone }) : "—";
  return (
    <Card className="overflow-hidden">
      <ul className="divide-y divide-slate-100 md:hidden">
        {rows.map((p) => (
          <li key={p.id}>
            <button className="block w-full p-4 text-left hover:bg-slate-50" onClick={() => onOpen(p.id)}>
              <span className="flex flex-wrap items-center gap-2">
                <span className="font-mono text-xs text-slate-500">{p.id}</span>
                <Badge tone={statusTone[p.status]}>{t(`status.${p.status}`)}</Badge>
                <Badge tone={cacheStateTone[p.cache_state]}>{t(`views.${p.cache_state}`)}</Badge>
              </span>
              <span className="mt-1 block font-medium text-slate-900">{p.title}</span>
              <span className="mt-0.5 block text-sm text-slate-500">
                {t(`type.${p.type}`)} · {p.customer_name} · {t("cachedAgo", { ago: format.relativeTime(new Date(p.cached_at), now) })}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <table className="hidden w-full text-left text-sm md:table">
        <caption className="sr-only">{t("tableCaption")}</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-3 font-medium">{t("columns.project")}</th>
            <th className="px-4 py-3 font-medium">{t("columns.type")}</th>
            <th className="px-4 py-3 font-medium">{t("columns.status")}</th>
            <th className="px-4 py-3 font-medium">{t("columns.customer")}</th>
            <th className="px-4 py-3 font-medium">{t("columns.updated")}</th>
            <th className="px-4 py-3 font-medium">{t("columns.cache")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((p) => (
            <tr key={p.id} className="hover:bg-slate-50">
              <td className="px-4 py-3">
                <button className="text-left font-medium text-brand-700 hover:underline" onClick={() => onOpen(p.id)}>
                  {p.title}
                </button>
                <span className="block font-mono text-xs text-slate-500">{p.id}</span>
              </td>
              <td className="px-4 py-3 text-slate-700">{t(`type.${p.type}`)}</td>
              <td className="px-4 py-3">
                <Badge tone={statusTone[p.status]}>{t(`status.${p.status}`)}</Badge>
              </td>
              <td className="px-4 py-3 text-slate-700">
                {p.customer_name}
                {p.phone && <span className="block text-xs text-slate-500">{p.phone}</span>}
              </td>
              <td className="px-4 py-3 tabular-nums text-slate-700">{when(p.remote_updated_at)}</td>
              <td className="px-4 py-3">
                <Badge tone={cacheStateTone[p.cache_state]}>{t(`views.${p.cache_state}`)}</Badge>
                <span className="block text-xs text-slate-500">
                  {t("cachedAgo", { ago: format.relativeTime(new Date(p.cached_at), now) })}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
