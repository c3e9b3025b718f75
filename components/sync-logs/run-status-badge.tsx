"use client";

import { useTranslations } from "next-intl";
import { Spinner } from "@/components/ui/button";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { isActiveStatus, SYNC_STATUSES, type SyncRunStatus } from "./constants";

const tones: Record<SyncRunStatus, BadgeTone> = {
  pending: "blue",
  processing: "blue",
  success: "green",
  partial: "amber",
  failed: "red",
};

/** A run's status; a running one spins, so a moving sync is visible at a glance. */
export function RunStatusBadge({ status, className }: { status: string; className?: string }) {
  const t = useTranslations("syncLogs.status");
  const known = (SYNC_STATUSES as readonly string[]).includes(status) ? (status as SyncRunStatus) : null;
  return (
    <Badge tone={known ? tones[known] : "gray"} className={className}>
      {isActiveStatus(status) && <Spinner className="-ml-0.5 mr-1 size-3" />}
      {known ? t(known) : status}
    </Badge>
  );
}
