"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/field";
import type { SystemDto } from "@/lib/sync/systems";
import { SystemCard } from "./system-card";
import { SystemFormDialog } from "./system-form";

interface SystemList {
  count: number;
  results: SystemDto[];
}

/**
 * Config center › External systems: every Jira and Zendesk system with its schedule, last and running
 * run, and what an admin does with it (test, sync now, edit, pause, delete). The list refreshes every
 * two seconds while a sync runs, so its progress moves on screen.
 */
export function SystemsPanel({ timeZone }: { timeZone: string }) {
  const t = useTranslations("integrations.systems");
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: queryKeys.systems.list,
    queryFn: () => fetchJson<SystemList>("/api/work-order-systems/"),
    refetchInterval: (q) => (q.state.data?.results.some((s) => s.running_run_id) ? 2000 : 30_000),
  });

  return (
    <section aria-labelledby="systems-title" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="systems-title" className="text-lg font-semibold text-slate-900">
            {t("title")}
          </h2>
          <p className="mt-0.5 max-w-2xl text-sm text-slate-500">{t("intro")}</p>
        </div>
        <Button onClick={() => setCreating(true)} size="lg">
          {t("add")}
        </Button>
      </div>

      {list.isPending ? (
        <div className="space-y-3" aria-busy="true" aria-label={t("loading")}>
          {[0, 1].map((i) => (
            <div key={i} className="h-40 animate-pulse rounded-xl bg-slate-100" />
          ))}
        </div>
      ) : list.isError ? (
        <Alert title={t("loadFailed")}>
          <Button size="sm" variant="secondary" className="mt-2" onClick={() => list.refetch()}>
            {t("retry")}
          </Button>
        </Alert>
      ) : list.data.results.length === 0 ? (
        <Card className="p-8 text-center">
          <p className="text-base font-medium text-slate-800">{t("emptyTitle")}</p>
          <p className="mx-auto mt-1 max-w-md text-sm text-slate-500">{t("emptyBody")}</p>
          <Button className="mt-4" onClick={() => setCreating(true)}>
            {t("add")}
          </Button>
        </Card>
      ) : (
        <ul className="space-y-3">
          {list.data.results.map((system) => (
            <li key={system.id}>
              <SystemCard
                system={system}
                timeZone={timeZone}
                onChanged={() => queryClient.invalidateQueries({ queryKey: queryKeys.systems.all })}
              />
            </li>
          ))}
        </ul>
      )}
      <SystemFormDialog open={creating} onClose={() => setCreating(false)} timeZone={timeZone} />
    </section>
  );
}
