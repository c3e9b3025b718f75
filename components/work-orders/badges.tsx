"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import {
  PRIORITY_TONES,
  STATUS_TONES,
  type WorkOrderDto,
  type WorkOrderPriority,
  type WorkOrderStatus,
} from "./constants";
import { useWorkOrderFormat } from "./use-work-order-format";

/** Our normalized status as a coloured badge, with the remote's own word for it underneath. */
export function WorkOrderStatus({
  status,
  rawStatus,
  inline,
}: {
  status: string;
  rawStatus?: string;
  inline?: boolean;
}) {
  const t = useTranslations("workOrders");
  const known = status in STATUS_TONES;
  return (
    <span className={cn("inline-flex gap-1", inline ? "items-center" : "flex-col items-start")}>
      <Badge tone={known ? STATUS_TONES[status as WorkOrderStatus] : "gray"}>
        {known ? t(`status.${status as WorkOrderStatus}`) : status}
      </Badge>
      {rawStatus && (
        <span className="text-xs text-slate-500" title={t("fields.rawStatus")}>
          <span className="sr-only">{t("fields.rawStatusPrefix")}</span>
          {rawStatus}
        </span>
      )}
    </span>
  );
}

export function WorkOrderPriorityBadge({ priority, raw }: { priority: string | null; raw?: string | null }) {
  const t = useTranslations("workOrders");
  if (!priority) return <span className="text-slate-400">{raw || t("priority.none")}</span>;
  const known = priority in PRIORITY_TONES;
  return (
    <Badge
      tone={known ? PRIORITY_TONES[priority as WorkOrderPriority] : "gray"}
      title={raw ? t("fields.rawPriorityValue", { value: raw }) : undefined}
    >
      {known ? t(`priority.${priority as WorkOrderPriority}`) : priority}
    </Badge>
  );
}

/** "Jira", "Zendesk", … for a system type; an unknown type is shown as sent. */
export function useSystemTypeLabel() {
  const t = useTranslations("workOrders.systemType");
  return (type: string) => (t.has(type) ? t(type) : type);
}

export function SystemName({ system }: { system: WorkOrderDto["system"] }) {
  const typeLabel = useSystemTypeLabel();
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <span className="font-medium text-slate-800">{system.name}</span>
      <Badge tone="indigo" className="px-1.5 text-[11px]">
        {typeLabel(system.type)}
      </Badge>
    </span>
  );
}

export function DeletedBadge() {
  const t = useTranslations("workOrders");
  return <Badge tone="gray">{t("list.deletedRemote")}</Badge>;
}

/** The due date plus, in words, whether it is overdue or close (colour alone is not enough). */
export function DueDate({ workOrder }: { workOrder: WorkOrderDto }) {
  const t = useTranslations("workOrders.list");
  const fmt = useWorkOrderFormat();
  if (!workOrder.due_at) return <span className="text-slate-400">{t("noDue")}</span>;
  const state = fmt.dueState(workOrder);
  return (
    <span className="inline-flex flex-col">
      <span className={cn("whitespace-nowrap", state === "overdue" && "font-medium text-red-700")}>
        {fmt.due(workOrder.due_at)}
      </span>
      {state === "overdue" && <span className="text-xs font-medium text-red-700">{t("overdue")}</span>}
      {state === "soon" && <span className="text-xs font-medium text-amber-800">{t("dueSoon")}</span>}
    </span>
  );
}

/** The remote's link, if it is a web address (synced data is not trusted to be one). */
export const remoteUrl = (w: Pick<WorkOrderDto, "external_url">) =>
  w.external_url && /^https?:\/\//i.test(w.external_url) ? w.external_url : null;

/** The key as a link to the record in the remote's own UI (a new tab), or plain text without one. */
export function RemoteKeyLink({ workOrder, className }: { workOrder: WorkOrderDto; className?: string }) {
  const t = useTranslations("workOrders");
  const href = remoteUrl(workOrder);
  if (!href) {
    return <span className={cn("font-mono font-medium text-slate-700", className)}>{workOrder.external_key}</span>;
  }
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={t("list.openRemote", { key: workOrder.external_key, system: workOrder.system.name })}
      title={t("list.openRemote", { key: workOrder.external_key, system: workOrder.system.name })}
      className={cn(
        "relative z-10 inline-flex items-center gap-1 font-mono font-medium text-brand-700 hover:underline",
        className,
      )}
    >
      {workOrder.external_key}
      <ExternalIcon />
    </a>
  );
}

export function ExternalIcon() {
  return (
    <svg
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      className="size-3.5"
      aria-hidden="true"
    >
      <path d="M11 3h6v6M17 3l-8 8M8 5H4v11h11v-4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
