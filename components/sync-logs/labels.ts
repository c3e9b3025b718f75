"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { SyncRunDto } from "./constants";

/** Localised names for a run's type, trigger and system; a value this version does not know shows as is. */
export function useRunLabels() {
  const t = useTranslations("syncLogs");
  return useMemo(() => {
    const known = (group: string, value: string) => (t.has(`${group}.${value}`) ? t(`${group}.${value}`) : value);
    return {
      syncType: (value: string) => known("syncType", value),
      trigger: (value: string) => known("trigger", value),
      /** The system's name; a deleted system keeps its name, marked as deleted. */
      system: (run: Pick<SyncRunDto, "system_id" | "system_name">) =>
        run.system_id === null ? t("list.deletedSystem", { name: run.system_name }) : run.system_name,
    };
  }, [t]);
}
